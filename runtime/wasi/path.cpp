// runtime/wasi/path.cpp — path_*: every path is resolved beneath its directory fd with Linux
// openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS), so `..`, absolute paths and symlinks cannot leave
// the preopen (EPERM). Operations on a final component open its parent that way and then use the
// *at() call with the single last name, which the kernel never follows for unlink/rename/mkdir/...
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "runtime/wasi/wasi_internal.h"

namespace wasmc::wasi {

namespace {

class HostFd {
 public:
  HostFd() = default;
  explicit HostFd(int fd) : fd_(fd) {}
  HostFd(HostFd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  HostFd& operator=(HostFd&& o) noexcept {
    reset();
    fd_ = o.fd_;
    o.fd_ = -1;
    return *this;
  }
  ~HostFd() { reset(); }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_ = -1;
};

// openat2 beneath `dir`; returns the fd or -errno (an escape attempt gives -EPERM).
int openBeneath(int dir, const std::string& path, uint64_t flags, uint64_t mode) {
  if (path.empty()) return -ENOENT;
  if (path[0] == '/') return -EPERM;
  struct open_how how {};
  how.flags = flags | O_CLOEXEC;
  how.mode = ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) ? mode : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  long r;
  do r = syscall(SYS_openat2, dir, path.c_str(), &how, sizeof how);
  while (r < 0 && errno == EAGAIN);
  if (r < 0) return errno == EXDEV ? -EPERM : -errno;
  return int(r);
}

// A resolved parent directory and the final component (which may carry trailing slashes).
struct Parent {
  HostFd dir;
  std::string last;
  bool lastIsDot = false;  // "." or ".." (possibly with trailing slashes)
};

Errno resolveParent(int dir, const std::string& path, Parent& out) {
  if (path.empty()) return Errno::NoEnt;
  if (path[0] == '/') return Errno::Perm;
  size_t end = path.find_last_not_of('/');
  size_t slash = path.find_last_of('/', end);
  std::string parent = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  out.last = path.substr(slash == std::string::npos ? 0 : slash + 1);
  std::string bare = out.last.substr(0, out.last.find('/'));
  out.lastIsDot = bare == "." || bare == "..";
  int fd = openBeneath(dir, parent, O_PATH | O_DIRECTORY, 0);
  if (fd < 0) return fromHost(-fd);
  out.dir = HostFd(fd);
  if (out.lastIsDot) {
    // "a/../.." names a directory outside: refuse it (EPERM) before any caller answers for "..".
    int whole = openBeneath(dir, path, O_PATH | O_DIRECTORY, 0);
    if (whole < 0) return fromHost(-whole);
    ::close(whole);
  }
  return Errno::Success;
}

Errno dirFd(Call& c, uint32_t fd, uint64_t need, int& host) {
  FdEntry* e = c.fd(fd);
  if (!e) return Errno::Badf;
  if (e->filetype != kFtDirectory) return Errno::NotDir;
  if ((e->rightsBase & need) != need) return Errno::Perm;  // wasi-testsuite: missing path rights are EPERM
  host = e->host;
  return Errno::Success;
}

// Resolves (fd, path at args[pi], len at args[pi+1]) to its parent.
Errno argParent(Call& c, uint32_t fd, uint32_t pathPtr, uint32_t pathLen, uint64_t need, Parent& p) {
  int dir;
  if (Errno r = dirFd(c, fd, need, dir); r != Errno::Success) return r;
  std::string path;
  if (Errno r = c.path(pathPtr, pathLen, path); r != Errno::Success) return r;
  return resolveParent(dir, path, p);
}

Errno ok(int r) { return r == 0 ? Errno::Success : fromHost(errno); }

}  // namespace

Errno impl_path_open(Call& c) {
  uint32_t dirfd = c.u32(0), lookup = c.u32(1), pathPtr = c.u32(2), pathLen = c.u32(3);
  uint32_t oflags = c.u32(4), fdflags = c.u32(7), outPtr = c.u32(8);
  uint64_t base = c.u64(5), inheriting = c.u64(6);
  int dir;
  if (Errno r = dirFd(c, dirfd, rights::PathOpen, dir); r != Errno::Success) return r;
  std::string path;
  if (Errno r = c.path(pathPtr, pathLen, path); r != Errno::Success) return r;
  if (!c.ptr(outPtr, 4)) return Errno::Fault;
  FdEntry* parent = c.fd(dirfd);

  uint64_t flags = O_NOCTTY;
  if (!(lookup & kLookupSymlinkFollow)) flags |= O_NOFOLLOW;
  if (oflags & kOflagCreat) flags |= O_CREAT;
  if (oflags & kOflagDirectory) flags |= O_DIRECTORY;
  if (oflags & kOflagExcl) flags |= O_EXCL;
  if (oflags & kOflagTrunc) flags |= O_TRUNC;
  if (fdflags & kFdflagAppend) flags |= O_APPEND;
  if (fdflags & kFdflagDsync) flags |= O_DSYNC;
  if (fdflags & kFdflagNonblock) flags |= O_NONBLOCK;
  if (fdflags & kFdflagRsync) flags |= O_RSYNC;
  if (fdflags & kFdflagSync) flags |= O_SYNC;
  bool wantWrite = (base & (rights::FdWrite | rights::FdAllocate | rights::FdFilestatSetSize)) ||
                   (fdflags & kFdflagAppend) || (oflags & kOflagTrunc);
  if ((oflags & kOflagDirectory) && (oflags & (kOflagCreat | kOflagTrunc))) return Errno::Inval;
  if ((oflags & kOflagCreat) && !(parent->rightsBase & rights::PathCreateFile)) return Errno::Perm;
  if ((oflags & kOflagTrunc) && !(parent->rightsBase & rights::PathFilestatSetSize)) return Errno::Perm;
  if (wantWrite) flags |= O_RDWR;  // a directory asked for FD_WRITE then fails with EISDIR, as in POSIX
  else flags |= O_RDONLY;

  int h = openBeneath(dir, path, flags, 0666);
  if (h == -EISDIR && (flags & O_RDWR) && !(oflags & (kOflagCreat | kOflagTrunc)) &&
      !(fdflags & kFdflagAppend) && !(base & (rights::FdWrite))) {
    // Directories cannot be opened for writing; the write-ish rights were only a request.
    h = openBeneath(dir, path, (flags & ~uint64_t(O_RDWR)) | O_RDONLY, 0666);
  }
  if (h < 0) return fromHost(-h);
  HostFd hf(h);
  struct stat st;
  if (fstat(h, &st) != 0) return fromHost(errno);
  auto e = std::make_unique<FdEntry>();
  e->filetype = fileTypeFromMode(st.st_mode);
  uint64_t mask = e->filetype == kFtDirectory ? rights::Directory : rights::File;
  e->rightsBase = base & parent->rightsInheriting & mask;
  e->rightsInheriting = inheriting & parent->rightsInheriting;
  e->host = hf.release();
  uint32_t fd = installFd(c.ctx, std::move(e));
  c.store<uint32_t>(outPtr, fd);
  return Errno::Success;
}

Errno impl_path_create_directory(Call& c) {
  Parent p;
  if (Errno r = argParent(c, c.u32(0), c.u32(1), c.u32(2), rights::PathCreateDirectory, p); r != Errno::Success)
    return r;
  if (p.lastIsDot) return Errno::Exist;
  return ok(mkdirat(p.dir.get(), p.last.c_str(), 0777));
}

Errno impl_path_remove_directory(Call& c) {
  Parent p;
  if (Errno r = argParent(c, c.u32(0), c.u32(1), c.u32(2), rights::PathRemoveDirectory, p); r != Errno::Success)
    return r;
  if (p.lastIsDot) return p.last.rfind("..", 0) == 0 ? Errno::NotEmpty : Errno::Inval;
  return ok(unlinkat(p.dir.get(), p.last.c_str(), AT_REMOVEDIR));
}

Errno impl_path_unlink_file(Call& c) {
  Parent p;
  if (Errno r = argParent(c, c.u32(0), c.u32(1), c.u32(2), rights::PathUnlinkFile, p); r != Errno::Success)
    return r;
  if (p.lastIsDot) return Errno::IsDir;
  return ok(unlinkat(p.dir.get(), p.last.c_str(), 0));
}

Errno impl_path_filestat_get(Call& c) {
  int dir;
  if (Errno r = dirFd(c, c.u32(0), rights::PathFilestatGet, dir); r != Errno::Success) return r;
  std::string path;
  if (Errno r = c.path(c.u32(2), c.u32(3), path); r != Errno::Success) return r;
  uint32_t out = c.u32(4);
  if (!c.ptr(out, 64)) return Errno::Fault;
  struct stat st;
  Parent p;
  if (Errno r = resolveParent(dir, path, p); r != Errno::Success) return r;
  if ((c.u32(1) & kLookupSymlinkFollow) || p.lastIsDot) {
    int h = openBeneath(dir, path, O_PATH, 0);
    if (h < 0) return fromHost(-h);
    HostFd hf(h);
    if (fstat(h, &st) != 0) return fromHost(errno);
  } else if (fstatat(p.dir.get(), p.last.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return fromHost(errno);
  }
  return writeFilestat(c, out, st);
}

Errno impl_path_filestat_set_times(Call& c) {
  int dir;
  if (Errno r = dirFd(c, c.u32(0), rights::PathFilestatSetTimes, dir); r != Errno::Success) return r;
  std::string path;
  if (Errno r = c.path(c.u32(2), c.u32(3), path); r != Errno::Success) return r;
  struct timespec ts[2];
  if (Errno r = fstTimes(c.u64(4), c.u64(5), uint16_t(c.u32(6)), ts); r != Errno::Success) return r;
  Parent p;
  if (Errno r = resolveParent(dir, path, p); r != Errno::Success) return r;
  if ((c.u32(1) & kLookupSymlinkFollow) || p.lastIsDot) {
    // Resolve fully beneath the preopen, then set the times through a read-only fd.
    int h = openBeneath(dir, path, O_RDONLY, 0);
    if (h < 0) return fromHost(-h);
    HostFd hf(h);
    return ok(futimens(h, ts));
  }
  return ok(utimensat(p.dir.get(), p.last.c_str(), ts, AT_SYMLINK_NOFOLLOW));
}

Errno impl_path_link(Call& c) {
  Parent from, to;
  if (Errno r = argParent(c, c.u32(0), c.u32(2), c.u32(3), rights::PathLinkSource, from); r != Errno::Success)
    return r;
  if (Errno r = argParent(c, c.u32(4), c.u32(5), c.u32(6), rights::PathLinkTarget, to); r != Errno::Success)
    return r;
  if (from.lastIsDot || to.lastIsDot) return from.lastIsDot ? Errno::Perm : Errno::Exist;
  if (c.u32(1) & kLookupSymlinkFollow) {
    // Follow beneath the preopen, then link the resolved inode through its /proc/self/fd name.
    int dir = -1;
    dirFd(c, c.u32(0), 0, dir);
    std::string path;
    c.path(c.u32(2), c.u32(3), path);
    int h = openBeneath(dir, path, O_PATH, 0);
    if (h < 0) return fromHost(-h);
    HostFd hf(h);
    std::string proc = "/proc/self/fd/" + std::to_string(h);
    return ok(linkat(AT_FDCWD, proc.c_str(), to.dir.get(), to.last.c_str(), AT_SYMLINK_FOLLOW));
  }
  return ok(linkat(from.dir.get(), from.last.c_str(), to.dir.get(), to.last.c_str(), 0));
}

Errno impl_path_readlink(Call& c) {
  Parent p;
  if (Errno r = argParent(c, c.u32(0), c.u32(1), c.u32(2), rights::PathReadlink, p); r != Errno::Success)
    return r;
  uint32_t buf = c.u32(3), bufLen = c.u32(4), usedPtr = c.u32(5);
  uint8_t* out = c.ptr(buf, bufLen);
  if (!out || !c.ptr(usedPtr, 4)) return Errno::Fault;
  if (p.lastIsDot) return Errno::Inval;
  std::vector<char> tmp(4096);
  ssize_t n = readlinkat(p.dir.get(), p.last.c_str(), tmp.data(), tmp.size());
  if (n < 0) return fromHost(errno);
  uint32_t used = std::min<uint32_t>(uint32_t(n), bufLen);
  std::memcpy(out, tmp.data(), used);
  c.store<uint32_t>(usedPtr, used);
  return Errno::Success;
}

Errno impl_path_rename(Call& c) {
  Parent from, to;
  if (Errno r = argParent(c, c.u32(0), c.u32(1), c.u32(2), rights::PathRenameSource, from); r != Errno::Success)
    return r;
  if (Errno r = argParent(c, c.u32(3), c.u32(4), c.u32(5), rights::PathRenameTarget, to); r != Errno::Success)
    return r;
  if (from.lastIsDot || to.lastIsDot) return Errno::Busy;
  return ok(renameat(from.dir.get(), from.last.c_str(), to.dir.get(), to.last.c_str()));
}

Errno impl_path_symlink(Call& c) {
  std::string target;
  if (Errno r = c.path(c.u32(0), c.u32(1), target); r != Errno::Success) return r;
  Parent p;
  if (Errno r = argParent(c, c.u32(2), c.u32(3), c.u32(4), rights::PathSymlink, p); r != Errno::Success)
    return r;
  if (p.lastIsDot) return Errno::Exist;
  if (p.last.back() == '/') {
    // Linux says EEXIST for an existing file named "file/"; the wasi-testsuite expects ENOTDIR.
    std::string bare = p.last.substr(0, p.last.find('/'));
    struct stat st;
    if (fstatat(p.dir.get(), bare.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
      return S_ISDIR(st.st_mode) ? Errno::Exist : Errno::NotDir;
    return Errno::NoEnt;
  }
  return ok(symlinkat(target.c_str(), p.dir.get(), p.last.c_str()));
}

}  // namespace wasmc::wasi
