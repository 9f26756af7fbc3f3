/* test/programs/strings.c — string processing: tokenizing, reversing, case mapping, a Caesar
 * cipher, palindromes, word frequencies in a small hash table, and snprintf formatting. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* kText =
    "It was the best of times, it was the worst of times, it was the age of wisdom, "
    "it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity";

struct Entry { char word[32]; int count; struct Entry* next; };

static unsigned hash(const char* s) {
  unsigned h = 2166136261u;
  for (; *s; ++s) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void reverse(char* s, size_t n) {
  for (size_t i = 0; i < n / 2; ++i) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; }
}

static int is_palindrome(const char* s) {
  size_t i = 0, j = strlen(s);
  while (i < j) {
    if (!isalnum((unsigned char)s[i])) { ++i; continue; }
    if (!isalnum((unsigned char)s[j - 1])) { --j; continue; }
    if (tolower((unsigned char)s[i]) != tolower((unsigned char)s[j - 1])) return 0;
    ++i; --j;
  }
  return 1;
}

static int by_count(const void* a, const void* b) {
  const struct Entry* x = *(const struct Entry* const*)a;
  const struct Entry* y = *(const struct Entry* const*)b;
  if (x->count != y->count) return y->count - x->count;
  return strcmp(x->word, y->word);
}

int main(void) {
  char* copy = strdup(kText);
  struct Entry* buckets[64] = {0};
  struct Entry* all[64];
  int nall = 0, nwords = 0;
  for (char* tok = strtok(copy, " ,"); tok; tok = strtok(NULL, " ,")) {
    for (char* p = tok; *p; ++p) *p = (char)tolower((unsigned char)*p);
    unsigned b = hash(tok) % 64;
    struct Entry* e = buckets[b];
    while (e && strcmp(e->word, tok)) e = e->next;
    if (!e) {
      e = calloc(1, sizeof *e);
      snprintf(e->word, sizeof e->word, "%s", tok);
      e->next = buckets[b];
      buckets[b] = e;
      all[nall++] = e;
    }
    e->count++;
    nwords++;
  }
  qsort(all, nall, sizeof all[0], by_count);
  printf("%d words, %d distinct\n", nwords, nall);
  for (int i = 0; i < nall; ++i) printf("%-12s %2d\n", all[i]->word, all[i]->count);

  char buf[256];
  snprintf(buf, sizeof buf, "%s", "Hello, WebAssembly world");
  reverse(buf, strlen(buf));
  printf("reversed: %s\n", buf);
  for (char* p = buf; *p; ++p) *p = (char)toupper((unsigned char)*p);
  printf("upper: %s\n", buf);
  const char* msg = "Attack at dawn, 1234!";
  char enc[64];
  for (size_t i = 0; i <= strlen(msg); ++i) {
    char c = msg[i];
    if (isupper((unsigned char)c)) c = (char)('A' + (c - 'A' + 13) % 26);
    else if (islower((unsigned char)c)) c = (char)('a' + (c - 'a' + 13) % 26);
    enc[i] = c;
  }
  printf("rot13: %s\n", enc);
  const char* cands[] = {"A man, a plan, a canal: Panama", "Was it a car or a cat I saw?", "wasmc", "No lemon, no melon"};
  for (int i = 0; i < 4; ++i) printf("palindrome(\"%s\") = %s\n", cands[i], is_palindrome(cands[i]) ? "yes" : "no");
  printf("[%8.3s|%-8s|%08d|%+d|%x|%#o|%c%c]\n", "truncate", "left", 1234, 56, 0xbeef, 8, 'o', 'k');
  printf("strstr: %s\n", strstr(kText, "epoch"));
  printf("strchr index of 'w': %ld\n", (long)(strchr(kText, 'w') - kText));
  printf("strncmp: %d %d\n", strncmp("abcdef", "abcxyz", 3), strncmp("abc", "abd", 3) < 0);
  long v = strtol("  -0x1F rest", NULL, 16);
  printf("strtol hex: %ld, atoi: %d, strtoul: %lu\n", v, atoi("  42abc"), strtoul("4294967295", NULL, 10));
  free(copy);
  return 0;
}
