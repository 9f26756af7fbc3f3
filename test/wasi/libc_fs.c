/* test/wasi/libc_fs.c — the file-system tests of the official wasi-testsuite's C part, done through
 * wasi-libc as they are: stat-dev-ino (two files: same st_dev, different st_ino), lseek under a
 * buffered FILE, fdopendir-with-access (d_ino equals fstatat's st_ino), fopen-with-no-access (a path
 * under no preopen: ENOTCAPABLE), pread/pwrite-with-access, and a few more stdio round trips
 * (fseek/ftell past the end, ftruncate, fdopen, dup-free fileno use). */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_check.h"

static void write_file(const char* path, const char* text) {
  FILE* f = fopen(path, "w");
  CHECK(f != NULL);
  if (!f) return;
  CHECK(fputs(text, f) >= 0);
  CHECK(fclose(f) == 0);
}

int main(void) {
  write_file("/sandbox/file", "file contents\n");
  write_file("/sandbox/lseek.txt", "01234567");

  /* stat-dev-ino */
  int a = open("/sandbox/file", O_RDONLY), b = open("/sandbox/lseek.txt", O_RDONLY);
  CHECK(a >= 0 && b >= 0);
  struct stat sa, sb;
  CHECK(fstat(a, &sa) == 0 && fstat(b, &sb) == 0);
  CHECK(sa.st_dev == sb.st_dev);
  CHECK(sa.st_ino != sb.st_ino);
  CHECK(sa.st_size == 14 && sb.st_size == 8);
  close(a);
  close(b);

  /* lseek under a buffered FILE */
  FILE* f = fopen("/sandbox/lseek.txt", "r");
  CHECK(f != NULL);
  char buf[16];
  int fd = fileno(f);
  CHECK(fread(buf, 1, 4, f) == 4);
  fflush(f);
  CHECK(lseek(fd, 0, SEEK_CUR) == 4);
  CHECK(fread(buf, 1, 1, f) == 1);
  fflush(f);
  CHECK(lseek(fd, 0, SEEK_CUR) == 5);
  CHECK(buf[0] == '4');
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  CHECK(lseek(fd, 0, SEEK_END) == 8);
  CHECK(fseek(f, 100, SEEK_SET) == 0 && ftell(f) == 100);
  CHECK(fread(buf, 1, 1, f) == 0 && feof(f));
  fclose(f);

  /* fdopendir-with-access */
  CHECK(mkdir("/sandbox/fopendir.dir", 0755) == 0);
  write_file("/sandbox/fopendir.dir/file-0", "0");
  write_file("/sandbox/fopendir.dir/file-1", "1");
  int dfd = open("/sandbox/fopendir.dir", O_RDONLY | O_DIRECTORY);
  CHECK(dfd >= 0);
  DIR* d = fdopendir(dfd);
  CHECK(d != NULL);
  int seen[2] = {0, 0};
  ino_t inodes[2] = {0, 0};
  struct dirent* e;
  while (d && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    int which = strcmp(e->d_name, "file-0") == 0 ? 0 : strcmp(e->d_name, "file-1") == 0 ? 1 : -1;
    CHECK(which >= 0);
    if (which < 0) continue;
    seen[which] = 1;
    inodes[which] = e->d_ino;
    struct stat st;
    CHECK(fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0);
    CHECK(st.st_ino == e->d_ino);
    CHECK(e->d_type == DT_REG);
  }
  if (d) closedir(d);
  CHECK(seen[0] && seen[1] && inodes[0] != inodes[1]);

  /* fopen-with-no-access: no preopen covers the path. */
  errno = 0;
  CHECK(fopen("/elsewhere/file", "r") == NULL);
  CHECK(errno == ENOTCAPABLE);
  errno = 0;
  CHECK(open("/sandboxy/file", O_RDONLY) == -1 && errno == ENOTCAPABLE); /* a prefix is not a parent */

  /* pread-with-access / pwrite-with-access */
  fd = open("/sandbox/file", O_RDONLY);
  CHECK(fd >= 0);
  memset(buf, 0, sizeof buf);
  CHECK(pread(fd, buf, 4, 5) == 4 && memcmp(buf, "cont", 4) == 0);
  CHECK(pwrite(fd, "x", 1, 0) == -1 && errno == EBADF);
  close(fd);
  fd = open("/sandbox/file", O_RDWR);
  CHECK(pwrite(fd, "F", 1, 0) == 1);
  CHECK(pread(fd, buf, 4, 0) == 4 && memcmp(buf, "File", 4) == 0);
  CHECK(lseek(fd, 0, SEEK_CUR) == 0);
  CHECK(ftruncate(fd, 4) == 0);
  FILE* g = fdopen(fd, "r+");
  CHECK(g != NULL);
  CHECK(fgets(buf, sizeof buf, g) != NULL && strcmp(buf, "File") == 0);
  CHECK(fputs("!", g) >= 0);
  CHECK(fclose(g) == 0);
  struct stat st;
  CHECK(stat("/sandbox/file", &st) == 0 && st.st_size == 5);
  CHECK(access("/sandbox/file", R_OK | W_OK) == 0);
  CHECK(access("/sandbox/nope", F_OK) == -1 && errno == ENOENT);
  DONE();
}
