/* test/programs/dirtree.c — builds a directory tree inside argv[1] (a preopen under wasmc): nested
 * directories, files of several sizes, a symlink; walks it recursively with opendir/readdir/lstat
 * printing an indented, name-sorted listing with sizes and per-directory totals (readdir order is not
 * portable, sorting is); then renames a subtree, walks again, and removes everything bottom-up,
 * checking the directory is empty at the end. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp_str(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

/* Sorted entry names of `dir` without . and ..; returns the count (names malloc'd). */
static int list(const char* dir, char*** out) {
  DIR* d = opendir(dir);
  if (!d) return -1;
  int n = 0, cap = 8;
  char** names = malloc(sizeof(char*) * (size_t)cap);
  struct dirent* e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    if (n == cap) names = realloc(names, sizeof(char*) * (size_t)(cap *= 2));
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof(char*), cmp_str);
  *out = names;
  return n;
}

static long walk(const char* path, int depth, int* files, int* dirs) {
  char** names;
  int n = list(path, &names);
  if (n < 0) {
    printf("%*s<cannot open>\n", depth * 2, "");
    return 0;
  }
  long total = 0;
  for (int i = 0; i < n; ++i) {
    char child[1024];
    snprintf(child, sizeof child, "%s/%s", path, names[i]);
    struct stat st;
    if (lstat(child, &st) != 0) {
      printf("%*s%s <lstat failed>\n", depth * 2, "", names[i]);
    } else if (S_ISDIR(st.st_mode)) {
      ++*dirs;
      printf("%*s%s/\n", depth * 2, "", names[i]);
      long sub = walk(child, depth + 1, files, dirs);
      printf("%*s(%s: %ld bytes)\n", depth * 2 + 2, "", names[i], sub);
      total += sub;
    } else if (S_ISLNK(st.st_mode)) {
      char target[256];
      ssize_t l = readlink(child, target, sizeof target - 1);
      target[l < 0 ? 0 : l] = 0;
      printf("%*s%s -> %s\n", depth * 2, "", names[i], target);
    } else {
      ++*files;
      printf("%*s%s %lld\n", depth * 2, "", names[i], (long long)st.st_size);
      total += st.st_size;
    }
    free(names[i]);
  }
  free(names);
  return total;
}

static int removeall(const char* path) {
  char** names;
  int n = list(path, &names);
  int removed = 0;
  for (int i = 0; i < n; ++i) {
    char child[1024];
    snprintf(child, sizeof child, "%s/%s", path, names[i]);
    struct stat st;
    if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode)) {
      removed += removeall(child);
      if (rmdir(child) == 0) ++removed;
    } else if (unlink(child) == 0) {
      ++removed;
    }
    free(names[i]);
  }
  free(names);
  return removed;
}

static void make_file(const char* root, const char* rel, size_t size) {
  char p[1024];
  snprintf(p, sizeof p, "%s/%s", root, rel);
  FILE* f = fopen(p, "w");
  if (!f) {
    printf("cannot create %s\n", rel);
    return;
  }
  for (size_t i = 0; i < size; ++i) fputc('a' + (int)(i % 26), f);
  fclose(f);
}

/* Returns 0 or the errno of the failed mkdir (saved before printf can change errno). */
static int make_dir(const char* root, const char* rel) {
  char p[1024];
  snprintf(p, sizeof p, "%s/%s", root, rel);
  if (mkdir(p, 0755) == 0) return 0;
  int e = errno;
  printf("mkdir %s failed\n", rel);
  return e;
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  char root[512];
  snprintf(root, sizeof root, "%s/tree", argv[1]);
  if (mkdir(root, 0755) != 0) {
    printf("mkdir root failed\n");
    return 1;
  }
  static const char* dirs[] = {"src", "src/core", "src/core/detail", "src/util", "docs", "docs/img", "empty",
                               "zeta", "Zeta", "a b"};
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; ++i) make_dir(root, dirs[i]);
  static const struct { const char* rel; size_t size; } files[] = {
      {"README", 120},          {"src/main.c", 2048},          {"src/core/engine.c", 9000},
      {"src/core/engine.h", 300}, {"src/core/detail/impl.inc", 1}, {"src/util/strings.c", 777},
      {"docs/guide.md", 4096},  {"docs/img/logo.svg", 65536},  {"zeta/last", 0},
      {"Zeta/first", 5},        {"a b/with space.txt", 42},    {".hidden", 3},
  };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; ++i) make_file(root, files[i].rel, files[i].size);
  char link[600];
  snprintf(link, sizeof link, "%s/src/current", root);
  if (symlink("core/engine.c", link) != 0) printf("symlink failed\n");
  printf("errno EEXIST seen: %d\n", make_dir(root, "src") == EEXIST); /* exists: reports failure */

  int nf = 0, nd = 0;
  printf("tree/\n");
  long total = walk(root, 1, &nf, &nd);
  printf("%d files, %d directories, %ld bytes\n", nf, nd, total);

  char from[600], to[600];
  snprintf(from, sizeof from, "%s/src/core", root);
  snprintf(to, sizeof to, "%s/docs/core-moved", root);
  printf("rename: %d\n", rename(from, to));
  nf = nd = 0;
  printf("after rename, docs/:\n");
  snprintf(from, sizeof from, "%s/docs", root);
  total = walk(from, 1, &nf, &nd);
  printf("%d files, %d directories, %ld bytes\n", nf, nd, total);
  printf("dangling link now: %d\n", access(link, F_OK) == 0);

  int r = rmdir(root);
  int e = errno;
  printf("rmdir non-empty: %d (ENOTEMPTY %d)\n", r, e == ENOTEMPTY || e == EEXIST);
  int removed = removeall(root);
  printf("removed %d entries\n", removed);
  char** left;
  printf("left in tree: %d\n", list(root, &left));
  free(left);
  printf("rmdir root: %d\n", rmdir(root));
  return 0;
}
