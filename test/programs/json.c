/* test/programs/json.c — a small JSON parser (recursive descent into a tree, no setjmp: every error is
 * a return code carried up with its byte offset), a canonical printer (sorted keys, shortest doubles via
 * %.17g), queries on the parsed tree, and a table of malformed documents with the error each gives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } Kind;

typedef struct Json {
  Kind kind;
  int b;
  double num;
  char* str;             /* J_STR; key for members */
  struct Json** items;   /* J_ARR / J_OBJ */
  char** keys;           /* J_OBJ */
  size_t n, cap;
} Json;

typedef enum { OK = 0, E_EOF, E_TOKEN, E_NUMBER, E_STRING, E_ESCAPE, E_DEPTH, E_TRAILING, E_DUPKEY } Err;
static const char* err_names[] = {"ok", "unexpected end", "unexpected token", "bad number", "bad string",
                                  "bad escape", "too deep", "trailing characters", "duplicate key"};

typedef struct {
  const char* s;
  size_t pos;
  int depth;
} Parser;

static void skip(Parser* p) {
  while (p->s[p->pos] == ' ' || p->s[p->pos] == '\n' || p->s[p->pos] == '\t' || p->s[p->pos] == '\r') ++p->pos;
}

static Json* node(Kind k) {
  Json* j = calloc(1, sizeof(Json));
  j->kind = k;
  return j;
}

static void push(Json* j, Json* item, char* key) {
  if (j->n == j->cap) {
    j->cap = j->cap ? j->cap * 2 : 4;
    j->items = realloc(j->items, j->cap * sizeof(Json*));
    if (j->kind == J_OBJ) j->keys = realloc(j->keys, j->cap * sizeof(char*));
  }
  if (key) j->keys[j->n] = key;
  j->items[j->n++] = item;
}

static void release(Json* j) {
  if (!j) return;
  for (size_t i = 0; i < j->n; ++i) {
    release(j->items[i]);
    if (j->keys) free(j->keys[i]);
  }
  free(j->items);
  free(j->keys);
  free(j->str);
  free(j);
}

static Err parse_value(Parser* p, Json** out);

static Err parse_string(Parser* p, char** out) {
  if (p->s[p->pos] != '"') return E_TOKEN;
  ++p->pos;
  size_t cap = 16, n = 0;
  char* buf = malloc(cap);
  for (;;) {
    char c = p->s[p->pos++];
    if (c == 0) {
      free(buf);
      return E_EOF;
    }
    if ((unsigned char)c < 0x20) {
      free(buf);
      return E_STRING;
    }
    if (c == '"') break;
    if (c == '\\') {
      char e = p->s[p->pos++];
      switch (e) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case '/': case '\\': case '"': c = e; break;
        case 'u': {
          unsigned v = 0;
          for (int i = 0; i < 4; ++i) {
            char h = p->s[p->pos++];
            v <<= 4;
            if (h >= '0' && h <= '9') v |= (unsigned)(h - '0');
            else if (h >= 'a' && h <= 'f') v |= (unsigned)(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= (unsigned)(h - 'A' + 10);
            else {
              free(buf);
              return E_ESCAPE;
            }
          }
          if (v >= 0x80) { /* keep it simple: non-ASCII as '?' */
            c = '?';
          } else {
            c = (char)v;
          }
          break;
        }
        default:
          free(buf);
          return E_ESCAPE;
      }
    }
    if (n + 2 > cap) buf = realloc(buf, cap *= 2);
    buf[n++] = c;
  }
  buf[n] = 0;
  *out = buf;
  return OK;
}

static Err parse_number(Parser* p, Json** out) {
  const char* start = p->s + p->pos;
  const char* q = start;
  if (*q == '-') ++q;
  if (*q == '0') ++q;
  else if (*q >= '1' && *q <= '9') while (*q >= '0' && *q <= '9') ++q;
  else return E_NUMBER;
  if (*q == '.') {
    ++q;
    if (!(*q >= '0' && *q <= '9')) return E_NUMBER;
    while (*q >= '0' && *q <= '9') ++q;
  }
  if (*q == 'e' || *q == 'E') {
    ++q;
    if (*q == '+' || *q == '-') ++q;
    if (!(*q >= '0' && *q <= '9')) return E_NUMBER;
    while (*q >= '0' && *q <= '9') ++q;
  }
  Json* j = node(J_NUM);
  j->num = strtod(start, NULL);
  p->pos += (size_t)(q - start);
  *out = j;
  return OK;
}

static Err parse_container(Parser* p, Json** out, int object) {
  if (++p->depth > 32) return E_DEPTH;
  ++p->pos;
  Json* j = node(object ? J_OBJ : J_ARR);
  skip(p);
  char close = object ? '}' : ']';
  if (p->s[p->pos] == close) {
    ++p->pos;
    --p->depth;
    *out = j;
    return OK;
  }
  for (;;) {
    char* key = NULL;
    Err e;
    skip(p);
    if (object) {
      if ((e = parse_string(p, &key)) != OK) goto fail;
      for (size_t i = 0; i < j->n; ++i)
        if (strcmp(j->keys[i], key) == 0) {
          free(key);
          e = E_DUPKEY;
          goto fail;
        }
      skip(p);
      if (p->s[p->pos] != ':') {
        free(key);
        e = p->s[p->pos] ? E_TOKEN : E_EOF;
        goto fail;
      }
      ++p->pos;
    }
    Json* item = NULL;
    if ((e = parse_value(p, &item)) != OK) {
      free(key);
      goto fail;
    }
    push(j, item, key);
    skip(p);
    if (p->s[p->pos] == ',') {
      ++p->pos;
      continue;
    }
    if (p->s[p->pos] == close) {
      ++p->pos;
      break;
    }
    e = p->s[p->pos] ? E_TOKEN : E_EOF;
  fail:
    release(j);
    return e;
  }
  --p->depth;
  *out = j;
  return OK;
}

static Err parse_value(Parser* p, Json** out) {
  skip(p);
  char c = p->s[p->pos];
  if (c == 0) return E_EOF;
  if (c == '{' || c == '[') return parse_container(p, out, c == '{');
  if (c == '"') {
    char* s;
    Err e = parse_string(p, &s);
    if (e != OK) return e;
    *out = node(J_STR);
    (*out)->str = s;
    return OK;
  }
  if (c == '-' || (c >= '0' && c <= '9')) return parse_number(p, out);
  static const struct { const char* word; Kind kind; int b; } words[] = {
      {"true", J_BOOL, 1}, {"false", J_BOOL, 0}, {"null", J_NULL, 0}};
  for (int i = 0; i < 3; ++i) {
    size_t l = strlen(words[i].word);
    if (strncmp(p->s + p->pos, words[i].word, l) == 0) {
      p->pos += l;
      *out = node(words[i].kind);
      (*out)->b = words[i].b;
      return OK;
    }
  }
  return E_TOKEN;
}

static Err parse(const char* text, Json** out, size_t* where) {
  Parser p = {text, 0, 0};
  Json* j = NULL;
  Err e = parse_value(&p, &j);
  if (e == OK) {
    skip(&p);
    if (text[p.pos]) {
      release(j);
      e = E_TRAILING;
    }
  }
  *where = p.pos;
  *out = e == OK ? j : NULL;
  return e;
}

static void print_str(const char* s) {
  putchar('"');
  for (; *s; ++s) {
    if (*s == '"' || *s == '\\') printf("\\%c", *s);
    else if (*s == '\n') printf("\\n");
    else if (*s == '\t') printf("\\t");
    else if ((unsigned char)*s < 0x20) printf("\\u%04x", *s);
    else putchar(*s);
  }
  putchar('"');
}

static void print_num(double d) {
  char buf[40];
  for (int prec = 1; prec <= 17; ++prec) { /* shortest form that reads back exactly */
    snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (strtod(buf, NULL) == d) break;
  }
  fputs(buf, stdout);
}

static void print(const Json* j, int indent) {
  switch (j->kind) {
    case J_NULL: printf("null"); break;
    case J_BOOL: printf(j->b ? "true" : "false"); break;
    case J_NUM: print_num(j->num); break;
    case J_STR: print_str(j->str); break;
    case J_ARR:
    case J_OBJ: {
      int obj = j->kind == J_OBJ;
      if (j->n == 0) {
        printf(obj ? "{}" : "[]");
        break;
      }
      size_t order[64];
      for (size_t i = 0; i < j->n; ++i) order[i] = i;
      if (obj) /* insertion sort by key */
        for (size_t i = 1; i < j->n; ++i)
          for (size_t k = i; k > 0 && strcmp(j->keys[order[k - 1]], j->keys[order[k]]) > 0; --k) {
            size_t t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
          }
      printf(obj ? "{\n" : "[\n");
      for (size_t i = 0; i < j->n; ++i) {
        printf("%*s", indent + 2, "");
        if (obj) {
          print_str(j->keys[order[i]]);
          printf(": ");
        }
        print(j->items[order[i]], indent + 2);
        printf(i + 1 < j->n ? ",\n" : "\n");
      }
      printf("%*s%c", indent, "", obj ? '}' : ']');
      break;
    }
  }
}

static const Json* get(const Json* j, const char* key) {
  if (!j || j->kind != J_OBJ) return NULL;
  for (size_t i = 0; i < j->n; ++i)
    if (strcmp(j->keys[i], key) == 0) return j->items[i];
  return NULL;
}

static const char* doc =
    "{\n"
    "  \"name\": \"wasmc test inventory\", \"version\": 3, \"stable\": false, \"owner\": null,\n"
    "  \"items\": [\n"
    "    {\"sku\": \"A-100\", \"price\": 19.99, \"qty\": 3, \"tags\": [\"red\", \"small\"]},\n"
    "    {\"sku\": \"B-220\", \"price\": 5.25, \"qty\": 12, \"tags\": []},\n"
    "    {\"sku\": \"C-003\", \"price\": 1e3, \"qty\": 1, \"tags\": [\"big\"], \"note\": \"tab\\there \\\"q\\\" \\u0041\"},\n"
    "    {\"sku\": \"D-7\", \"price\": -0.5, \"qty\": 0, \"tags\": [\"refund\"]}\n"
    "  ],\n"
    "  \"ratios\": [0.1, 0.2, 0.30000000000000004, 1.5e-7, 6.02214076e23, -0.0, 123456789012]\n"
    "}\n";

int main(void) {
  Json* root;
  size_t where;
  Err e = parse(doc, &root, &where);
  if (e != OK) {
    printf("parse failed: %s at %zu\n", err_names[e], where);
    return 1;
  }
  print(root, 0);
  putchar('\n');
  const Json* items = get(root, "items");
  double total = 0;
  unsigned qty = 0;
  for (size_t i = 0; items && i < items->n; ++i) {
    const Json* it = items->items[i];
    double line = get(it, "price")->num * get(it, "qty")->num;
    printf("%-6s %3.0f x %8.2f = %9.2f  tags=%zu\n", get(it, "sku")->str, get(it, "qty")->num,
           get(it, "price")->num, line, get(it, "tags")->n);
    total += line;
    qty += (unsigned)get(it, "qty")->num;
  }
  printf("total %.2f for %u units\n", total, qty);
  release(root);

  static const char* bad[] = {
      "",           "{",          "[1, 2",          "[1 2]",       "{\"a\" 1}",        "{\"a\": 1,}",
      "[01]",       "[1.]",       "[-]",            "[1e]",        "\"abc",            "\"bad \\x\"",
      "\"\\u12G4\"", "[tru]",      "{\"k\":1,\"k\":2}", "[1] x",      "{1: 2}",           "\"ctl\x01\"",
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
      "  42  ",      "[]",        "{}",             "\"\\u0041\\n\"", "-0.0e+00",     "[null,true,false]",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    Json* j = NULL;
    e = parse(bad[i], &j, &where);
    printf("case %2zu: %-20s at %2zu", i, err_names[e], where);
    if (e == OK) {
      printf("  -> ");
      print(j, 0);
      release(j);
    }
    putchar('\n');
  }
  return 0;
}
