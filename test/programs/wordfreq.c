/* test/programs/wordfreq.c — word frequencies of a text file in the preopen (argv[1]/wordfreq_input.txt):
 * words are lower-cased runs of letters (and inner apostrophes) counted in an open-addressing hash
 * table that grows, then printed by falling count and name; also line/word/char totals, the longest
 * word and a length histogram. Writes the report to a file beside the input and reads it back. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char* word;
  unsigned count;
} Entry;

typedef struct {
  Entry* slots;
  size_t cap, used;
} Table;

static unsigned long hash(const char* s) {
  unsigned long h = 5381;
  while (*s) h = h * 33 ^ (unsigned char)*s++;
  return h;
}

static void insert(Table* t, const char* w);

static void grow(Table* t) {
  Table bigger = {calloc(t->cap * 2, sizeof(Entry)), t->cap * 2, 0};
  for (size_t i = 0; i < t->cap; ++i)
    if (t->slots[i].word) {
      size_t j = hash(t->slots[i].word) & (bigger.cap - 1);
      while (bigger.slots[j].word) j = (j + 1) & (bigger.cap - 1);
      bigger.slots[j] = t->slots[i];
      ++bigger.used;
    }
  free(t->slots);
  *t = bigger;
}

static void insert(Table* t, const char* w) {
  if ((t->used + 1) * 4 > t->cap * 3) grow(t);
  size_t j = hash(w) & (t->cap - 1);
  while (t->slots[j].word && strcmp(t->slots[j].word, w) != 0) j = (j + 1) & (t->cap - 1);
  if (!t->slots[j].word) {
    t->slots[j].word = strdup(w);
    ++t->used;
  }
  ++t->slots[j].count;
}

static int by_count(const void* a, const void* b) {
  const Entry* x = a;
  const Entry* y = b;
  if (x->count != y->count) return x->count < y->count ? 1 : -1;
  return strcmp(x->word, y->word);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: wordfreq DIR\n");
    return 2;
  }
  char path[512], out[512];
  snprintf(path, sizeof path, "%s/wordfreq_input.txt", argv[1]);
  snprintf(out, sizeof out, "%s/wordfreq_report.txt", argv[1]);
  FILE* f = fopen(path, "r");
  if (!f) {
    printf("cannot open input\n");
    return 1;
  }
  Table t = {calloc(8, sizeof(Entry)), 8, 0};
  char word[64];
  size_t len = 0, lines = 0, words = 0, chars = 0, longest_len = 0;
  char longest[64] = "";
  unsigned hist[16] = {0};
  int c;
  do {
    c = fgetc(f);
    if (c != EOF) ++chars;
    if (c == '\n') ++lines;
    int letter = c != EOF && (isalpha(c) || (c == '\'' && len > 0));
    if (letter && len < sizeof word - 1) {
      word[len++] = (char)tolower(c);
    } else if (!letter && len > 0) {
      while (len > 0 && word[len - 1] == '\'') --len;
      word[len] = 0;
      insert(&t, word);
      ++words;
      ++hist[len < 15 ? len : 15];
      if (len > longest_len) {
        longest_len = len;
        strcpy(longest, word);
      }
      len = 0;
    }
  } while (c != EOF);
  fclose(f);

  Entry* all = malloc(t.used * sizeof(Entry));
  size_t n = 0;
  for (size_t i = 0; i < t.cap; ++i)
    if (t.slots[i].word) all[n++] = t.slots[i];
  qsort(all, n, sizeof(Entry), by_count);

  FILE* r = fopen(out, "w");
  fprintf(r, "lines %zu words %zu chars %zu distinct %zu table %zu\n", lines, words, chars, n, t.cap);
  fprintf(r, "longest word: %s (%zu)\n", longest, longest_len);
  for (size_t i = 0; i < n && i < 25; ++i) fprintf(r, "%3u %s\n", all[i].count, all[i].word);
  size_t once = 0;
  for (size_t i = 0; i < n; ++i) once += all[i].count == 1;
  fprintf(r, "words seen once: %zu\n", once);
  for (int i = 1; i < 16; ++i)
    if (hist[i]) fprintf(r, "len %2d: %-3u %.*s\n", i, hist[i], (int)(hist[i] / 2), "##################################################################");
  fclose(r);

  r = fopen(out, "r");
  char line[256];
  while (fgets(line, sizeof line, r)) fputs(line, stdout);
  fclose(r);
  for (size_t i = 0; i < t.cap; ++i) free(t.slots[i].word);
  free(t.slots);
  free(all);
  return 0;
}
