/* test/programs/errors.c — error handling without setjmp/longjmp: a config loader in four layers
 * (lexer → line parser → section builder → loader) where every failure is a status code carried up
 * with a chain of context frames, every layer releases what it allocated on the way out (a live-
 * allocation counter proves it), errno-style codes map to messages, and the worst status becomes
 * the exit status (3), as a native program would report it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { ST_OK = 0, ST_SYNTAX = 1, ST_RANGE = 2, ST_MISSING = 3, ST_NOMEM = 4 } Status;
static const char* status_name(Status s) {
  static const char* names[] = {"ok", "syntax error", "value out of range", "missing key", "out of memory"};
  return names[s];
}

static int live_allocs;
static void* xalloc(size_t n) {
  void* p = malloc(n);
  if (p) ++live_allocs;
  return p;
}
static void xfree(void* p) {
  if (p) --live_allocs;
  free(p);
}

/* A chain of "while doing X" frames, innermost first. */
typedef struct {
  char frames[8][80];
  int n;
} Trace;
static Status fail(Trace* t, Status s, const char* fmt, const char* detail, int num) {
  if (t->n < 8) snprintf(t->frames[t->n++], 80, fmt, detail, num);
  return s;
}

/* Layer 1: tokens of "key = value". */
static Status lex_line(const char* line, char* key, size_t keycap, char* val, size_t valcap, Trace* t) {
  const char* p = line;
  while (isspace((unsigned char)*p)) ++p;
  size_t k = 0;
  while (isalnum((unsigned char)*p) || *p == '_') {
    if (k + 1 >= keycap) return fail(t, ST_SYNTAX, "key too long near '%s' (col %d)", line, (int)(p - line));
    key[k++] = *p++;
  }
  key[k] = 0;
  if (k == 0) return fail(t, ST_SYNTAX, "expected a key in '%s' (col %d)", line, (int)(p - line));
  while (*p == ' ') ++p;
  if (*p != '=') return fail(t, ST_SYNTAX, "expected '=' in '%s' (col %d)", line, (int)(p - line));
  ++p;
  while (*p == ' ') ++p;
  size_t v = 0;
  while (*p && *p != '\n' && *p != '#') {
    if (v + 1 >= valcap) return fail(t, ST_SYNTAX, "value too long in '%s' (%d)", line, (int)valcap);
    val[v++] = *p++;
  }
  while (v > 0 && val[v - 1] == ' ') --v;
  val[v] = 0;
  return ST_OK;
}

typedef struct {
  char* name;
  long port;
  long workers;
  char* root;
} Server;

/* Layer 2: one assignment into a server, with range checks. */
static Status parse_assignment(Server* s, const char* line, Trace* t) {
  char key[16], val[64];
  Status st = lex_line(line, key, sizeof key, val, sizeof val, t);
  if (st != ST_OK) return st;
  if (strcmp(key, "port") == 0 || strcmp(key, "workers") == 0) {
    char* end;
    long n = strtol(val, &end, 10);
    if (*val == 0 || *end) return fail(t, ST_SYNTAX, "'%s' is not a number (line len %d)", val, (int)strlen(line));
    long max = key[0] == 'p' ? 65535 : 64;
    if (n < 1 || n > max) return fail(t, ST_RANGE, "%s must be within 1..%d", key, (int)max);
    if (key[0] == 'p') s->port = n;
    else s->workers = n;
  } else if (strcmp(key, "root") == 0 || strcmp(key, "name") == 0) {
    char* copy = xalloc(strlen(val) + 1);
    if (!copy) return fail(t, ST_NOMEM, "copying %s (%d bytes)", key, (int)strlen(val));
    strcpy(copy, val);
    char** slot = key[0] == 'r' ? &s->root : &s->name;
    xfree(*slot);
    *slot = copy;
  } else {
    return fail(t, ST_MISSING, "unknown key '%s' (%d chars)", key, (int)strlen(key));
  }
  return ST_OK;
}

static void server_release(Server* s) {
  xfree(s->name);
  xfree(s->root);
  memset(s, 0, sizeof *s);
}

/* Layer 3: a section of lines into a server; required keys checked at the end. */
static Status build_server(const char* const* lines, int n, Server* out, Trace* t) {
  Server s = {0};
  for (int i = 0; i < n; ++i) {
    if (lines[i][0] == '#' || lines[i][0] == 0) continue;
    Status st = parse_assignment(&s, lines[i], t);
    if (st != ST_OK) {
      server_release(&s);
      return fail(t, st, "in section line %s%d", "", i + 1);
    }
  }
  if (!s.name) {
    server_release(&s);
    return fail(t, ST_MISSING, "section has no '%s' (%d lines)", "name", n);
  }
  if (s.port == 0) s.port = 8080;
  if (s.workers == 0) s.workers = 4;
  *out = s;
  return ST_OK;
}

/* Layer 4: a whole config; stops at the first bad section and frees the good ones built so far. */
static Status load(const char* const* const* sections, const int* counts, int nsec, Trace* t, long* checksum) {
  Server* built = xalloc(sizeof(Server) * (size_t)nsec);
  if (!built) return ST_NOMEM;
  Status st = ST_OK;
  int ok = 0;
  for (; ok < nsec; ++ok) {
    st = build_server(sections[ok], counts[ok], &built[ok], t);
    if (st != ST_OK) {
      fail(t, st, "while loading section %s#%d", "", ok);
      break;
    }
  }
  *checksum = 0;
  for (int i = 0; i < ok; ++i) {
    if (st == ST_OK) printf("  server %-8s port %5ld workers %2ld root %s\n", built[i].name, built[i].port,
                            built[i].workers, built[i].root ? built[i].root : "(none)");
    *checksum += built[i].port * 31 + built[i].workers;
    server_release(&built[i]);
  }
  xfree(built);
  return st;
}

int main(void) {
  static const char* const web[] = {"# web", "name = web", "port = 443", "workers = 16", "root = /srv/www  # docs"};
  static const char* const db[] = {"name=db", "port=5432"};
  static const char* const bad_port[] = {"name = cache", "port = 70000"};
  static const char* const bad_num[] = {"name = q", "workers = 12x"};
  static const char* const no_name[] = {"port = 1"};
  static const char* const bad_key[] = {"name = x", "colour = blue"};
  static const char* const syntax[] = {"name = y", "port 80"};
  static const char* const long_key[] = {"averyveryverylongkeyname = 1"};
  static const char* const empty_key[] = {"= 5"};
  struct {
    const char* label;
    const char* const* secs[3];
    int counts[3];
    int n;
  } configs[] = {
      {"good", {web, db}, {5, 2}, 2},
      {"bad port", {web, bad_port}, {5, 2}, 2},
      {"bad number", {bad_num}, {2}, 1},
      {"no name", {db, web, no_name}, {2, 5, 1}, 3},
      {"unknown key", {bad_key}, {2}, 1},
      {"syntax", {syntax}, {2}, 1},
      {"long key", {long_key}, {1}, 1},
      {"empty key", {empty_key}, {1}, 1},
  };
  Status worst = ST_OK;
  for (size_t i = 0; i < sizeof configs / sizeof configs[0]; ++i) {
    Trace t = {.n = 0};
    long sum = 0;
    printf("config '%s':\n", configs[i].label);
    Status st = load(configs[i].secs, configs[i].counts, configs[i].n, &t, &sum);
    printf("  -> %s (status %d), checksum %ld, live allocations %d\n", status_name(st), (int)st, sum, live_allocs);
    for (int f = 0; f < t.n; ++f) printf("     %*s%s\n", 2 * f, "", t.frames[f]);
    if (st > worst) worst = st;
  }
  printf("worst status: %s\n", status_name(worst));
  return live_allocs == 0 ? (int)worst : 99;
}
