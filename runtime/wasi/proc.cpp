// runtime/wasi/proc.cpp — proc_exit (a TrapCode::Exit trap carrying the status), proc_raise (the
// signal's default action, confined to the guest: see docs/wasi.md), sched_yield, and poll_oneoff over
// clock and fd subscriptions (ppoll).
// Invariant: poll_oneoff writes at most nsubscriptions events and always reports how many it wrote.
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <time.h>

#include <cerrno>
#include <climits>
#include <iterator>
#include <string>

#include "runtime/wasi/wasi_internal.h"

namespace wasmc::wasi {

Errno impl_proc_exit(Call& c) {
  rt::Trap t;
  t.code = TrapCode::Exit;
  t.exitCode = int(c.u32(0));
  t.message = "exit with status " + std::to_string(t.exitCode);
  c.trap = std::move(t);
  return Errno::Success;
}

namespace {

// witx `signal` (preview1), in enum order; host numbers are Linux's. What the default action does
// to the guest: Ignore (nothing), Stop (job control: not supported), Term (the program ends).
enum class SigAction : uint8_t { Ignore, Stop, Term };
struct SignalInfo {
  const char* name;
  int hostNumber;
  SigAction action;
};
constexpr SignalInfo kSignals[] = {
    {"NONE", 0, SigAction::Ignore},      {"SIGHUP", 1, SigAction::Term},     {"SIGINT", 2, SigAction::Term},
    {"SIGQUIT", 3, SigAction::Term},     {"SIGILL", 4, SigAction::Term},     {"SIGTRAP", 5, SigAction::Term},
    {"SIGABRT", 6, SigAction::Term},     {"SIGBUS", 7, SigAction::Term},     {"SIGFPE", 8, SigAction::Term},
    {"SIGKILL", 9, SigAction::Term},     {"SIGUSR1", 10, SigAction::Term},   {"SIGSEGV", 11, SigAction::Term},
    {"SIGUSR2", 12, SigAction::Term},    {"SIGPIPE", 13, SigAction::Term},   {"SIGALRM", 14, SigAction::Term},
    {"SIGTERM", 15, SigAction::Term},    {"SIGCHLD", 17, SigAction::Ignore}, {"SIGCONT", 18, SigAction::Ignore},
    {"SIGSTOP", 19, SigAction::Stop},    {"SIGTSTP", 20, SigAction::Stop},   {"SIGTTIN", 21, SigAction::Stop},
    {"SIGTTOU", 22, SigAction::Stop},    {"SIGURG", 23, SigAction::Ignore},  {"SIGXCPU", 24, SigAction::Term},
    {"SIGXFSZ", 25, SigAction::Term},    {"SIGVTALRM", 26, SigAction::Term}, {"SIGPROF", 27, SigAction::Term},
    {"SIGWINCH", 28, SigAction::Ignore}, {"SIGPOLL", 29, SigAction::Term},   {"SIGPWR", 30, SigAction::Term},
    {"SIGSYS", 31, SigAction::Term},
};

}  // namespace

// proc_raise(sig): the default action of `sig` applied to the guest only (the host process never
// receives a signal): ignored signals and NONE succeed, job-control stops give ENOTSUP, every other
// signal ends the program like a native process killed by it: an Exit trap with status 128 + the
// Linux signal number (SIGABRT → 134, the status of a trap) and a message naming the signal.
Errno impl_proc_raise(Call& c) {
  uint32_t sig = c.u32(0);
  if (sig >= std::size(kSignals)) return Errno::Inval;
  const SignalInfo& s = kSignals[sig];
  switch (s.action) {
    case SigAction::Ignore:
      return Errno::Success;
    case SigAction::Stop:
      return Errno::NotSup;
    case SigAction::Term:
      break;
  }
  rt::Trap t;
  t.code = TrapCode::Exit;
  t.exitCode = 128 + s.hostNumber;
  t.message = std::string(kRaisedPrefix) + s.name;
  c.trap = std::move(t);
  return Errno::Success;
}

Errno impl_sched_yield(Call&) {
  sched_yield();
  return Errno::Success;
}

namespace {

constexpr uint32_t kSubSize = 48, kEventSize = 32;
constexpr uint8_t kEvClock = 0, kEvFdRead = 1, kEvFdWrite = 2;
constexpr uint16_t kSubclockAbstime = 1;
constexpr uint16_t kEventHangup = 1;

uint64_t nowNs(int clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

struct Event {
  uint64_t userdata;
  Errno error;
  uint8_t type;
  uint64_t nbytes;
  uint16_t flags;
};

}  // namespace

Errno impl_poll_oneoff(Call& c) {
  uint32_t in = c.u32(0), out = c.u32(1), n = c.u32(2), neventsPtr = c.u32(3);
  if (!c.ptr(neventsPtr, 4)) return Errno::Fault;
  if (n == 0) return Errno::Inval;
  if (!c.ptr(in, uint64_t(n) * kSubSize) || !c.ptr(out, uint64_t(n) * kEventSize)) return Errno::Fault;

  std::vector<Event> events;
  struct ClockSub { uint64_t userdata; int clock; uint64_t deadline; };
  std::vector<ClockSub> clocks;
  struct FdSub { uint64_t userdata; uint8_t type; int host; };
  std::vector<FdSub> fdSubs;
  std::vector<struct pollfd> pfds;

  for (uint32_t i = 0; i < n; ++i) {
    uint32_t s = in + i * kSubSize;
    uint64_t userdata = 0;
    uint8_t tag = 0;
    c.load(s, userdata);
    c.load(s + 8, tag);
    if (tag == kEvClock) {
      uint32_t id = 0;
      uint64_t timeout = 0;
      uint16_t flags = 0;
      c.load(s + 16, id);
      c.load(s + 24, timeout);
      c.load(s + 40, flags);
      auto hc = hostClock(id);
      if (!hc) {
        events.push_back({userdata, Errno::Inval, kEvClock, 0, 0});
        continue;
      }
      uint64_t deadline = (flags & kSubclockAbstime) ? timeout : nowNs(*hc) + timeout;
      clocks.push_back({userdata, *hc, deadline});
    } else if (tag == kEvFdRead || tag == kEvFdWrite) {
      uint32_t fd = 0;
      c.load(s + 16, fd);
      FdEntry* e = c.fd(fd);
      // witx: POLL_FD_READWRITE together with FD_READ (resp. FD_WRITE) allows the subscription; a
      // missing right is reported like a closed fd, in the event (as every fd call reports it).
      const uint64_t need = rights::PollFdReadwrite | (tag == kEvFdRead ? rights::FdRead : rights::FdWrite);
      if (!e || (e->rightsBase & need) != need) {
        events.push_back({userdata, Errno::Badf, tag, 0, 0});
        continue;
      }
      fdSubs.push_back({userdata, tag, e->host});
      pfds.push_back({e->host, short(tag == kEvFdRead ? POLLIN : POLLOUT), 0});
    } else {
      return Errno::Inval;
    }
  }

  if (events.empty()) {
    for (;;) {
      // Earliest clock deadline as a relative timeout (each clock measured on its own clock).
      bool haveTimeout = false;
      uint64_t waitNs = UINT64_MAX;
      for (const auto& cs : clocks) {
        uint64_t now = nowNs(cs.clock);
        uint64_t w = cs.deadline > now ? cs.deadline - now : 0;
        if (w < waitNs) waitNs = w;
        haveTimeout = true;
      }
      struct timespec ts{time_t(waitNs / 1000000000ull), long(waitNs % 1000000000ull)};
      int r = ppoll(pfds.empty() ? nullptr : pfds.data(), pfds.size(), haveTimeout ? &ts : nullptr, nullptr);
      if (r < 0 && errno != EINTR) return fromHost(errno);
      for (size_t i = 0; r > 0 && i < pfds.size(); ++i) {
        short re = pfds[i].revents;
        if (!re) continue;
        Event ev{fdSubs[i].userdata, Errno::Success, fdSubs[i].type, 0, 0};
        if (re & POLLNVAL) ev.error = Errno::Badf;
        else if (re & POLLERR) ev.error = Errno::Io;
        if (re & POLLHUP) ev.flags |= kEventHangup;
        int avail = 0;
        if (fdSubs[i].type == kEvFdRead && ioctl(fdSubs[i].host, FIONREAD, &avail) == 0 && avail > 0)
          ev.nbytes = uint64_t(avail);
        events.push_back(ev);
      }
      for (const auto& cs : clocks)
        if (nowNs(cs.clock) >= cs.deadline) events.push_back({cs.userdata, Errno::Success, kEvClock, 0, 0});
      if (!events.empty()) break;
    }
  }

  uint32_t count = 0;
  for (const auto& ev : events) {
    if (count == n) break;
    uint32_t o = out + count * kEventSize;
    std::memset(c.ptr(o, kEventSize), 0, kEventSize);
    c.store<uint64_t>(o, ev.userdata);
    c.store<uint16_t>(o + 8, uint16_t(ev.error));
    c.store<uint8_t>(o + 10, ev.type);
    c.store<uint64_t>(o + 16, ev.nbytes);
    c.store<uint16_t>(o + 24, ev.flags);
    ++count;
  }
  c.store<uint32_t>(neventsPtr, count);
  return Errno::Success;
}

}  // namespace wasmc::wasi
