/* test/wasi/readdir.c — fd_readdir (modelled on wasi-testsuite fd_readdir): an empty directory
 * lists `.` and `..` with `.`'s inode equal to the directory's, cookies (d_next) resume a listing,
 * small buffers are filled completely and a loop over cookies sees every one of 300 files once;
 * readdir on a file fails. libc opendir/readdir/rewinddir sit on top. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_check.h"

#define NFILES 300

/* Parses `used` bytes of dirents; returns how many complete entries; stores up to `max` names. */
static int parse(const uint8_t* buf, size_t used, char names[][32], __wasi_dirent_t* ents, int max) {
  size_t off = 0;
  int n = 0;
  while (off + sizeof(__wasi_dirent_t) <= used) {
    __wasi_dirent_t d;
    memcpy(&d, buf + off, sizeof d);
    if (off + sizeof d + d.d_namlen > used) break;
    if (n < max) {
      size_t l = d.d_namlen < 31 ? d.d_namlen : 31;
      memcpy(names[n], buf + off + sizeof d, l);
      names[n][l] = 0;
      ents[n] = d;
    }
    ++n;
    off += sizeof d + d.d_namlen;
  }
  return n;
}

int main(void) {
  int root = wasi_preopen_fd("/sandbox");
  CHECK(root >= 3);
  CHECK_ERRNO(__wasi_path_create_directory(root, "d"), __WASI_ERRNO_SUCCESS);
  __wasi_fd_t dir;
  CHECK_ERRNO(wasi_open(root, "d", 0, __WASI_OFLAGS_DIRECTORY,
                        __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_PATH_OPEN |
                            __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_UNLINK_FILE,
                        0, &dir),
              __WASI_ERRNO_SUCCESS);
  __wasi_filestat_t dst;
  CHECK_ERRNO(__wasi_fd_filestat_get(dir, &dst), __WASI_ERRNO_SUCCESS);

  static uint8_t buf[65536];
  static char names[8][32];
  __wasi_dirent_t ents[8];
  __wasi_size_t used = 0;
  CHECK_ERRNO(__wasi_fd_readdir(dir, buf, 256, 0, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used < 256);
  int n = parse(buf, used, names, ents, 8);
  CHECK(n == 2);
  int dot = strcmp(names[0], ".") == 0 ? 0 : 1;
  CHECK(strcmp(names[dot], ".") == 0 && strcmp(names[1 - dot], "..") == 0);
  CHECK(ents[dot].d_type == __WASI_FILETYPE_DIRECTORY && ents[1 - dot].d_type == __WASI_FILETYPE_DIRECTORY);
  CHECK(ents[dot].d_ino == dst.ino);
  CHECK(ents[dot].d_namlen == 1);

  __wasi_fd_t f;
  CHECK_ERRNO(wasi_open(dir, "file", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &f), __WASI_ERRNO_SUCCESS);
  __wasi_filestat_t fst;
  CHECK_ERRNO(__wasi_fd_filestat_get(f, &fst), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(f), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_readdir(dir, buf, 256, 0, &used), __WASI_ERRNO_SUCCESS);
  n = parse(buf, used, names, ents, 8);
  CHECK(n == 3);
  int fi = -1;
  for (int i = 0; i < 3 && i < n; ++i)
    if (strcmp(names[i], "file") == 0) fi = i;
  CHECK(fi >= 0);
  if (fi >= 0) {
    CHECK(ents[fi].d_type == __WASI_FILETYPE_REGULAR_FILE);
    CHECK(ents[fi].d_ino == fst.ino);
  }
  /* Resuming from the second entry's cookie yields exactly the third. */
  if (n == 3) {
    char last[32];
    strcpy(last, names[2]);
    CHECK_ERRNO(__wasi_fd_readdir(dir, buf, 256, ents[1].d_next, &used), __WASI_ERRNO_SUCCESS);
    CHECK(parse(buf, used, names, ents, 8) == 1);
    CHECK(strcmp(names[0], last) == 0);
  }
  /* A buffer smaller than a dirent header is filled to the brim. */
  CHECK_ERRNO(__wasi_fd_readdir(dir, buf, 10, 0, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used == 10);

  char name[32];
  for (int i = 0; i < NFILES; ++i) {
    snprintf(name, sizeof name, "file.%d", i);
    CHECK_ERRNO(wasi_open(dir, name, 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &f), __WASI_ERRNO_SUCCESS);
    CHECK_ERRNO(__wasi_fd_close(f), __WASI_ERRNO_SUCCESS);
  }
  /* Walk with a 256-byte buffer using the last complete entry's cookie. */
  static char seen[NFILES];
  int total = 0, dups = 0;
  __wasi_dircookie_t cookie = 0;
  for (int rounds = 0; rounds < 10000; ++rounds) {
    CHECK_ERRNO(__wasi_fd_readdir(dir, buf, 256, cookie, &used), __WASI_ERRNO_SUCCESS);
    size_t off = 0;
    int got = 0;
    while (off + sizeof(__wasi_dirent_t) <= used) {
      __wasi_dirent_t d;
      memcpy(&d, buf + off, sizeof d);
      if (off + sizeof d + d.d_namlen > used) break;
      char nm[32] = {0};
      memcpy(nm, buf + off + sizeof d, d.d_namlen < 31 ? d.d_namlen : 31);
      int idx;
      if (sscanf(nm, "file.%d", &idx) == 1 && idx >= 0 && idx < NFILES) {
        dups += seen[idx];
        seen[idx] = 1;
      }
      ++total;
      ++got;
      cookie = d.d_next;
      off += sizeof d + d.d_namlen;
    }
    if (used < 256) break;
    CHECK(got > 0);
    if (!got) break;
  }
  CHECK(total == NFILES + 3);
  CHECK(dups == 0);
  int missing = 0;
  for (int i = 0; i < NFILES; ++i) missing += !seen[i];
  CHECK(missing == 0);

  /* libc on top. */
  DIR* d = opendir("/sandbox/d");
  CHECK(d != NULL);
  int count = 0;
  if (d) {
    struct dirent* de;
    while ((de = readdir(d)) != NULL) ++count;
    CHECK(count == NFILES + 3);
    rewinddir(d);
    int again = 0;
    while ((de = readdir(d)) != NULL) ++again;
    CHECK(again == count);
    closedir(d);
  }
  /* readdir on a regular file. */
  CHECK_ERRNO(wasi_open(dir, "file", 0, 0, RIGHTS_RW, 0, &f), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO2(__wasi_fd_readdir(f, buf, 256, 0, &used), __WASI_ERRNO_NOTDIR, __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_close(f), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_readdir(999, buf, 256, 0, &used), __WASI_ERRNO_BADF);
  DONE();
}
