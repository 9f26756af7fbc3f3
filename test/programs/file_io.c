/* test/programs/file_io.c — stdio file I/O inside a directory given as argv[1] (a preopen under
 * wasmc): write, read back line by line, append, seek, rename, list the directory sorted, remove. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path[512];
static const char* in(const char* dir, const char* name) {
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

static int cmp(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: file_io DIR\n");
    return 2;
  }
  const char* dir = argv[1];
  FILE* f = fopen(in(dir, "numbers.txt"), "w");
  if (!f) { perror("fopen"); return 1; }
  for (int i = 1; i <= 20; ++i) fprintf(f, "line %d: %d\n", i, i * i * i);
  fclose(f);

  f = fopen(in(dir, "numbers.txt"), "r");
  char line[128];
  long sum = 0;
  int lines = 0;
  while (fgets(line, sizeof line, f)) {
    int a, b;
    if (sscanf(line, "line %d: %d", &a, &b) == 2) sum += b;
    ++lines;
  }
  printf("read %d lines, sum of cubes = %ld\n", lines, sum);
  fclose(f);

  f = fopen(in(dir, "numbers.txt"), "a");
  fputs("appended\n", f);
  fclose(f);
  struct stat st;
  stat(in(dir, "numbers.txt"), &st);
  printf("size after append = %lld\n", (long long)st.st_size);

  f = fopen(in(dir, "numbers.txt"), "r+");
  fseek(f, 5, SEEK_SET);
  fputc('#', f);
  fseek(f, 0, SEEK_SET);
  if (fgets(line, sizeof line, f)) printf("first line now: %s", line);
  fseek(f, -9, SEEK_END);
  if (fgets(line, sizeof line, f)) printf("last line: %s", line);
  printf("ftell at end = %ld\n", ftell(f));
  fclose(f);

  mkdir(in(dir, "sub"), 0755);
  for (int i = 0; i < 5; ++i) {
    char name[32];
    snprintf(name, sizeof name, "sub/file%d.dat", 4 - i);
    f = fopen(in(dir, name), "wb");
    for (int j = 0; j <= i; ++j) fputc('a' + j, f);
    fclose(f);
  }
  char from[512];
  snprintf(from, sizeof from, "%s/sub/file0.dat", dir);
  if (rename(from, in(dir, "sub/renamed.dat")) != 0) perror("rename");

  char sub[512];
  snprintf(sub, sizeof sub, "%s/sub", dir);
  DIR* d = opendir(sub);
  char* names[16];
  int n = 0;
  struct dirent* de;
  while (d && (de = readdir(d)) && n < 16)
    if (de->d_name[0] != '.') names[n++] = strdup(de->d_name);
  if (d) closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  for (int i = 0; i < n; ++i) {
    char p[600];
    snprintf(p, sizeof p, "%s/%s", sub, names[i]);
    stat(p, &st);
    printf("sub/%s %lld bytes\n", names[i], (long long)st.st_size);
    unlink(p);
    free(names[i]);
  }
  printf("rmdir sub: %d\n", rmdir(sub));
  printf("remove numbers.txt: %d\n", remove(in(dir, "numbers.txt")));
  printf("fopen missing: %s\n", fopen(in(dir, "missing.txt"), "r") ? "opened?!" : "failed as expected");
  return 0;
}
