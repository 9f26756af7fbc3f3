/* test/wasi/poll_stdio.c — poll_oneoff on stdio and files (modelled on wasi-testsuite
 * poll_oneoff_stdio): CTest feeds poll_stdin.txt (26 bytes) as stdin, so FD_READ on fd 0 is ready at
 * once with nbytes = the bytes left, FD_WRITE on 1 and 2 are ready, a long clock in the same call
 * does not fire; then regular files, subscription rights (EBADF events), an unknown clock id (EINVAL
 * event), an unknown tag (EINVAL). */
#include <stdlib.h>
#include <unistd.h>

#include "wasi_check.h"

#define STDIN_TEXT "line one of stdin\nline two\n"

static __wasi_subscription_t fd_sub(uint64_t userdata, __wasi_eventtype_t type, __wasi_fd_t fd) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = userdata;
  s.u.tag = type;
  s.u.u.fd_read.file_descriptor = fd; /* fd_read and fd_write share the layout */
  return s;
}

static __wasi_subscription_t clock_sub(uint64_t userdata, __wasi_clockid_t id, uint64_t ns) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = userdata;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = id;
  s.u.u.clock.timeout = ns;
  return s;
}

static const __wasi_event_t* find(const __wasi_event_t* ev, __wasi_size_t n, uint64_t userdata) {
  for (__wasi_size_t i = 0; i < n; ++i)
    if (ev[i].userdata == userdata) return &ev[i];
  return NULL;
}

static __wasi_timestamp_t now(void) {
  __wasi_timestamp_t t = 0;
  CHECK_ERRNO(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t), __WASI_ERRNO_SUCCESS);
  return t;
}

int main(void) {
  __wasi_subscription_t subs[4];
  __wasi_event_t ev[4];
  __wasi_size_t n = 0;
  subs[0] = fd_sub(10, __WASI_EVENTTYPE_FD_READ, 0);
  subs[1] = fd_sub(11, __WASI_EVENTTYPE_FD_WRITE, 1);
  subs[2] = fd_sub(12, __WASI_EVENTTYPE_FD_WRITE, 2);
  subs[3] = clock_sub(13, __WASI_CLOCKID_MONOTONIC, 5000ull * 1000 * 1000);
  __wasi_timestamp_t t0 = now();
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 4, &n), __WASI_ERRNO_SUCCESS);
  CHECK(now() - t0 < 2000ull * 1000 * 1000);
  CHECK(n == 3);
  const __wasi_event_t* e = find(ev, n, 10);
  CHECK(e && e->type == __WASI_EVENTTYPE_FD_READ && e->error == 0);
  CHECK(e && e->fd_readwrite.nbytes == strlen(STDIN_TEXT));
  e = find(ev, n, 11);
  CHECK(e && e->type == __WASI_EVENTTYPE_FD_WRITE && e->error == 0);
  e = find(ev, n, 12);
  CHECK(e && e->type == __WASI_EVENTTYPE_FD_WRITE && e->error == 0);
  CHECK(find(ev, n, 13) == NULL);

  /* Read part of stdin: nbytes reports what is left. */
  char buf[64] = {0};
  CHECK(read(0, buf, 9) == 9 && memcmp(buf, "line one ", 9) == 0);
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1 && ev[0].userdata == 10 && ev[0].fd_readwrite.nbytes == strlen(STDIN_TEXT) - 9);
  CHECK(read(0, buf, sizeof buf) == (ssize_t)strlen(STDIN_TEXT) - 9);
  CHECK(memcmp(buf, &STDIN_TEXT[9], strlen(STDIN_TEXT) - 9) == 0);
  /* At end of file a read subscription is still ready (a read returns 0 at once). */
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1 && ev[0].error == 0 && ev[0].fd_readwrite.nbytes == 0);
  CHECK(read(0, buf, sizeof buf) == 0);

  /* Regular files in the preopen are always ready. */
  int dir = wasi_preopen_fd("/sandbox");
  __wasi_fd_t f;
  CHECK_ERRNO(wasi_open(dir, "data", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW | __WASI_RIGHTS_POLL_FD_READWRITE, 0, &f),
              __WASI_ERRNO_SUCCESS);
  __wasi_ciovec_t iov = {(const uint8_t*)"12345", 5};
  CHECK_ERRNO(__wasi_fd_pwrite(f, &iov, 1, 0, &n), __WASI_ERRNO_SUCCESS);
  subs[0] = fd_sub(20, __WASI_EVENTTYPE_FD_READ, f);
  subs[1] = fd_sub(21, __WASI_EVENTTYPE_FD_WRITE, f);
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 2, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 2);
  e = find(ev, n, 20);
  CHECK(e && e->error == 0 && e->fd_readwrite.nbytes == 5);
  e = find(ev, n, 21);
  CHECK(e && e->error == 0 && e->type == __WASI_EVENTTYPE_FD_WRITE);
  CHECK_ERRNO(__wasi_fd_close(f), __WASI_ERRNO_SUCCESS);
  /* The closed fd is now reported with EBADF. */
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1 && ev[0].userdata == 20 && ev[0].error == __WASI_ERRNO_BADF);

  /* Rights (witx poll_fd_readwrite): the subscription needs POLL_FD_READWRITE and FD_READ / FD_WRITE;
   * without them the event carries EBADF, as for a closed fd, and the call itself succeeds. */
  __wasi_fd_t ro, nopoll;
  CHECK_ERRNO(wasi_open(dir, "data", 0, 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_POLL_FD_READWRITE, 0, &ro),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "data", 0, 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, &nopoll),
              __WASI_ERRNO_SUCCESS);
  subs[0] = fd_sub(50, __WASI_EVENTTYPE_FD_READ, ro);
  subs[1] = fd_sub(51, __WASI_EVENTTYPE_FD_WRITE, ro);
  subs[2] = fd_sub(52, __WASI_EVENTTYPE_FD_READ, nopoll);
  subs[3] = fd_sub(53, __WASI_EVENTTYPE_FD_READ, dir);
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 4, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 3);
  CHECK(find(ev, n, 50) == NULL); /* ready, but the EBADF events are reported first and alone */
  e = find(ev, n, 51);
  CHECK(e && e->error == __WASI_ERRNO_BADF && e->type == __WASI_EVENTTYPE_FD_WRITE);
  e = find(ev, n, 52);
  CHECK(e && e->error == __WASI_ERRNO_BADF);
  e = find(ev, n, 53);
  CHECK(e && e->error == __WASI_ERRNO_BADF); /* a directory has no POLL_FD_READWRITE */
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1 && ev[0].userdata == 50 && ev[0].error == 0 && ev[0].fd_readwrite.nbytes == 5);
  CHECK_ERRNO(__wasi_fd_close(ro), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(nopoll), __WASI_ERRNO_SUCCESS);

  /* An unknown clock id gives an EINVAL event; an unknown event type fails the call. */
  subs[0] = clock_sub(30, 99, 1000);
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1 && ev[0].userdata == 30 && ev[0].error == __WASI_ERRNO_INVAL && ev[0].type == __WASI_EVENTTYPE_CLOCK);
  subs[0] = clock_sub(31, __WASI_CLOCKID_MONOTONIC, 1000);
  subs[0].u.tag = 7;
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 1, &n), __WASI_ERRNO_INVAL);
  /* Two clocks on different clock ids: the short one fires, the long one does not. */
  subs[0] = clock_sub(40, __WASI_CLOCKID_REALTIME, 3000ull * 1000 * 1000);
  subs[1] = clock_sub(41, __WASI_CLOCKID_MONOTONIC, 1000ull * 1000);
  t0 = now();
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 2, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1 && ev[0].userdata == 41 && ev[0].error == 0);
  CHECK(now() - t0 >= 1000ull * 1000 && now() - t0 < 2000ull * 1000 * 1000);
  DONE();
}
