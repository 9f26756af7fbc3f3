/* test/programs/stdin_filter.c — a filter over standard input (CTest pipes stdin_input.txt into it):
 * reads with fgets into a small buffer (so long lines arrive in pieces), counts lines/words/bytes like
 * wc, parses "name,qty,price" records (trimming spaces, rejecting bad ones with their line number),
 * merges duplicates, and prints the table sorted by value; the raw bytes are also checked with read(2)
 * semantics at end of input (EOF stays EOF). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char name[24];
  long qty;
  double price;
} Rec;

static char* trim(char* s) {
  while (isspace((unsigned char)*s)) ++s;
  char* e = s + strlen(s);
  while (e > s && isspace((unsigned char)e[-1])) *--e = 0;
  return s;
}

static int parse(char* line, Rec* r) {
  char* fields[4];
  int n = 0;
  for (char* tok = line; n < 4; ++n) {
    fields[n] = tok;
    char* comma = strchr(tok, ',');
    if (!comma) {
      ++n;
      break;
    }
    *comma = 0;
    tok = comma + 1;
  }
  if (n != 3) return -1;
  char* name = trim(fields[0]);
  char* end;
  long q = strtol(trim(fields[1]), &end, 10);
  if (*end || q < 0) return -2;
  double p = strtod(trim(fields[2]), &end);
  if (*end || p < 0) return -3;
  if (!*name || strlen(name) >= sizeof r->name) return -4;
  strcpy(r->name, name);
  r->qty = q;
  r->price = p;
  return 0;
}

static int by_value(const void* a, const void* b) {
  const Rec* x = a;
  const Rec* y = b;
  double vx = x->qty * x->price, vy = y->qty * y->price;
  if (vx != vy) return vx < vy ? 1 : -1;
  return strcmp(x->name, y->name);
}

int main(void) {
  char chunk[40]; /* deliberately small: long lines come in several pieces */
  char line[512];
  size_t len = 0, lines = 0, words = 0, bytes = 0, pieces = 0;
  int in_word = 0;
  Rec recs[32];
  int nrec = 0;
  while (fgets(chunk, sizeof chunk, stdin)) {
    ++pieces;
    size_t n = strlen(chunk);
    bytes += n;
    for (size_t i = 0; i < n; ++i) {
      int sp = isspace((unsigned char)chunk[i]);
      if (!sp && !in_word) ++words;
      in_word = !sp;
    }
    if (len + n < sizeof line) {
      memcpy(line + len, chunk, n + 1);
      len += n;
    }
    if (n == 0 || chunk[n - 1] != '\n') continue;
    ++lines;
    line[len - 1] = 0;
    if (line[0] == '#' || trim(line)[0] == 0) {
      len = 0;
      continue;
    }
    if (len > 100) {
      printf("line %zu: skipped (%zu bytes)\n", lines, len);
      len = 0;
      continue;
    }
    Rec r;
    int e = parse(line, &r);
    if (e) {
      printf("line %zu: bad record (code %d)\n", lines, e);
    } else {
      int j = 0;
      while (j < nrec && strcmp(recs[j].name, r.name) != 0) ++j;
      if (j == nrec) recs[nrec++] = r;
      else {
        recs[j].price = (recs[j].price * recs[j].qty + r.price * r.qty) / (recs[j].qty + r.qty);
        recs[j].qty += r.qty;
      }
    }
    len = 0;
  }
  printf("eof=%d error=%d\n", feof(stdin) != 0, ferror(stdin) != 0);
  printf("lines %zu words %zu bytes %zu pieces %zu\n", lines, words, bytes, pieces);
  printf("getchar after EOF: %d\n", getchar());
  qsort(recs, (size_t)nrec, sizeof(Rec), by_value);
  double total = 0;
  for (int i = 0; i < nrec; ++i) {
    double v = recs[i].qty * recs[i].price;
    total += v;
    printf("%-12s %5ld x %6.3f = %8.3f\n", recs[i].name, recs[i].qty, recs[i].price, v);
  }
  printf("%d records, total %.2f\n", nrec, total);
  return 0;
}
