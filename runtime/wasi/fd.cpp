// runtime/wasi/fd.cpp — fd_*: operations on open guest fds (read/write with iovecs, seek, stat,
// flags, rights, preopen names, readdir with cookies, renumber, close).
// Invariants: rights only ever shrink; fd_readdir cookies are indices into a listing taken at cookie 0.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>

#include "runtime/wasi/wasi_internal.h"

namespace wasmc::wasi {

namespace {

std::vector<struct iovec> toHost(const std::vector<HostIovec>& v) {
  std::vector<struct iovec> r;
  r.reserve(v.size());
  for (const auto& x : v) r.push_back({x.base, x.len});
  return r;
}

// Looks up `fd` and checks it has every right in `need` (EBADF otherwise, as POSIX callers expect).
Errno lookup(Call& c, uint32_t fd, uint64_t need, FdEntry*& e) {
  e = c.fd(fd);
  if (!e) return Errno::Badf;
  if ((e->rightsBase & need) != need) return Errno::Badf;
  return Errno::Success;
}

uint8_t direntType(unsigned char dt) {
  switch (dt) {
    case DT_REG: return kFtRegular;
    case DT_DIR: return kFtDirectory;
    case DT_CHR: return kFtCharDevice;
    case DT_BLK: return kFtBlockDevice;
    case DT_LNK: return kFtSymlink;
    case DT_SOCK: return kFtSocketStream;
    default: return kFtUnknown;
  }
}

Errno readDirectory(int host, std::vector<DirEntryInfo>& out) {
  int d = ::openat(host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d < 0) return fromHost(errno);
  DIR* dir = fdopendir(d);
  if (!dir) {
    int err = errno;
    ::close(d);
    return fromHost(err);
  }
  out.clear();
  errno = 0;
  while (struct dirent* de = readdir(dir)) {
    DirEntryInfo info{de->d_name, uint64_t(de->d_ino), direntType(de->d_type)};
    if (info.type == kFtUnknown) {
      struct stat st;
      if (fstatat(d, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) info.type = fileTypeFromMode(st.st_mode);
    }
    out.push_back(std::move(info));
  }
  int err = errno;
  closedir(dir);
  return err ? fromHost(err) : Errno::Success;
}

}  // namespace

Errno writeFilestat(const Call& c, uint32_t addr, const struct ::stat& st) {
  uint8_t* p = c.ptr(addr, 64);
  if (!p) return Errno::Fault;
  std::memset(p, 0, 64);
  auto ns = [](const struct timespec& t) { return uint64_t(t.tv_sec) * 1000000000ull + uint64_t(t.tv_nsec); };
  c.store<uint64_t>(addr + 0, uint64_t(st.st_dev));
  c.store<uint64_t>(addr + 8, uint64_t(st.st_ino));
  c.store<uint8_t>(addr + 16, fileTypeFromMode(st.st_mode));
  c.store<uint64_t>(addr + 24, uint64_t(st.st_nlink));
  c.store<uint64_t>(addr + 32, uint64_t(st.st_size));
  c.store<uint64_t>(addr + 40, ns(st.st_atim));
  c.store<uint64_t>(addr + 48, ns(st.st_mtim));
  c.store<uint64_t>(addr + 56, ns(st.st_ctim));
  return Errno::Success;
}

Errno fstTimes(uint64_t atim, uint64_t mtim, uint16_t fst, struct ::timespec (&ts)[2]) {
  if (fst & ~(kFstAtim | kFstAtimNow | kFstMtim | kFstMtimNow)) return Errno::Inval;
  if ((fst & kFstAtim) && (fst & kFstAtimNow)) return Errno::Inval;
  if ((fst & kFstMtim) && (fst & kFstMtimNow)) return Errno::Inval;
  auto set = [](struct timespec& t, uint64_t v, bool given, bool now) {
    if (now) t = {0, UTIME_NOW};
    else if (given) t = {time_t(v / 1000000000ull), long(v % 1000000000ull)};
    else t = {0, UTIME_OMIT};
  };
  set(ts[0], atim, fst & kFstAtim, fst & kFstAtimNow);
  set(ts[1], mtim, fst & kFstMtim, fst & kFstMtimNow);
  return Errno::Success;
}

Errno impl_fd_advise(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdAdvise, e); r != Errno::Success) return r;
  static constexpr int kAdvice[] = {POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                    POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  uint32_t a = c.u32(3);
  if (a > 5) return Errno::Inval;
  if (e->filetype == kFtDirectory) return Errno::Badf;
  int r = posix_fadvise(e->host, off_t(c.u64(1)), off_t(c.u64(2)), kAdvice[a]);
  return r == ESPIPE ? Errno::Spipe : fromHost(r);
}

Errno impl_fd_allocate(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdAllocate, e); r != Errno::Success) return r;
  uint64_t off = c.u64(1), len = c.u64(2);
  if (off > uint64_t(INT64_MAX) || len > uint64_t(INT64_MAX) - off) return Errno::Fbig;
  return fromHost(posix_fallocate(e->host, off_t(off), off_t(len)));
}

Errno impl_fd_close(Call& c) {
  auto& t = c.ctx.fds();
  uint32_t fd = c.u32(0);
  if (fd >= t.size() || !t[fd]) return Errno::Badf;
  t[fd].reset();
  return Errno::Success;
}

Errno impl_fd_datasync(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdDatasync, e); r != Errno::Success) return r;
  return fdatasync(e->host) == 0 ? Errno::Success : fromHost(errno);
}

Errno impl_fd_sync(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdSync, e); r != Errno::Success) return r;
  return fsync(e->host) == 0 ? Errno::Success : fromHost(errno);
}

Errno impl_fd_fdstat_get(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), 0, e); r != Errno::Success) return r;
  uint32_t out = c.u32(1);
  uint8_t* p = c.ptr(out, 24);
  if (!p) return Errno::Fault;
  int fl = fcntl(e->host, F_GETFL);
  if (fl < 0) return fromHost(errno);
  uint16_t flags = 0;
  if (fl & O_APPEND) flags |= kFdflagAppend;
  if (fl & O_NONBLOCK) flags |= kFdflagNonblock;
  if ((fl & O_SYNC) == O_SYNC) flags |= kFdflagSync | kFdflagRsync;
  else if (fl & O_DSYNC) flags |= kFdflagDsync;
  std::memset(p, 0, 24);
  c.store<uint8_t>(out, e->filetype);
  c.store<uint16_t>(out + 2, flags);
  c.store<uint64_t>(out + 8, e->rightsBase);
  c.store<uint64_t>(out + 16, e->rightsInheriting);
  return Errno::Success;
}

Errno impl_fd_fdstat_set_flags(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdFdstatSetFlags, e); r != Errno::Success) return r;
  uint32_t f = c.u32(1);
  if (f & (kFdflagDsync | kFdflagRsync | kFdflagSync)) return Errno::NotSup;
  if (f & ~uint32_t(kFdflagAppend | kFdflagNonblock)) return Errno::Inval;
  int fl = fcntl(e->host, F_GETFL);
  if (fl < 0) return fromHost(errno);
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (f & kFdflagAppend) fl |= O_APPEND;
  if (f & kFdflagNonblock) fl |= O_NONBLOCK;
  return fcntl(e->host, F_SETFL, fl) == 0 ? Errno::Success : fromHost(errno);
}

Errno impl_fd_fdstat_set_rights(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), 0, e); r != Errno::Success) return r;
  uint64_t base = c.u64(1), inh = c.u64(2);
  if ((base & ~e->rightsBase) || (inh & ~e->rightsInheriting)) return Errno::NotCapable;
  e->rightsBase = base;
  e->rightsInheriting = inh;
  return Errno::Success;
}

Errno impl_fd_filestat_get(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdFilestatGet, e); r != Errno::Success) return r;
  struct stat st;
  if (fstat(e->host, &st) != 0) return fromHost(errno);
  return writeFilestat(c, c.u32(1), st);
}

Errno impl_fd_filestat_set_size(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdFilestatSetSize, e); r != Errno::Success) return r;
  if (c.u64(1) > uint64_t(INT64_MAX)) return Errno::Inval;
  if (e->filetype == kFtDirectory) return Errno::Badf;
  return ftruncate(e->host, off_t(c.u64(1))) == 0 ? Errno::Success : fromHost(errno);
}

Errno impl_fd_filestat_set_times(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdFilestatSetTimes, e); r != Errno::Success) return r;
  struct timespec ts[2];
  if (Errno r = fstTimes(c.u64(1), c.u64(2), uint16_t(c.u32(3)), ts); r != Errno::Success) return r;
  return futimens(e->host, ts) == 0 ? Errno::Success : fromHost(errno);
}

Errno impl_fd_read(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdRead, e); r != Errno::Success) return r;
  std::vector<HostIovec> iov;
  if (Errno r = gatherIovecs(c, c.u32(1), c.u32(2), iov); r != Errno::Success) return r;
  if (!c.ptr(c.u32(3), 4)) return Errno::Fault;
  auto hv = toHost(iov);
  ssize_t n = readv(e->host, hv.data(), int(hv.size()));
  if (n < 0) return fromHost(errno);
  c.store<uint32_t>(c.u32(3), uint32_t(n));
  return Errno::Success;
}

Errno impl_fd_pread(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdRead | rights::FdSeek, e); r != Errno::Success) return r;
  std::vector<HostIovec> iov;
  if (Errno r = gatherIovecs(c, c.u32(1), c.u32(2), iov); r != Errno::Success) return r;
  if (!c.ptr(c.u32(4), 4)) return Errno::Fault;
  if (c.u64(3) > uint64_t(INT64_MAX)) return Errno::Inval;
  auto hv = toHost(iov);
  ssize_t n = preadv(e->host, hv.data(), int(hv.size()), off_t(c.u64(3)));
  if (n < 0) return fromHost(errno);
  c.store<uint32_t>(c.u32(4), uint32_t(n));
  return Errno::Success;
}

Errno impl_fd_write(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdWrite, e); r != Errno::Success) return r;
  std::vector<HostIovec> iov;
  if (Errno r = gatherIovecs(c, c.u32(1), c.u32(2), iov); r != Errno::Success) return r;
  if (!c.ptr(c.u32(3), 4)) return Errno::Fault;
  auto hv = toHost(iov);
  ssize_t n = writev(e->host, hv.data(), int(hv.size()));
  if (n < 0) return fromHost(errno);
  c.store<uint32_t>(c.u32(3), uint32_t(n));
  return Errno::Success;
}

Errno impl_fd_pwrite(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdWrite | rights::FdSeek, e); r != Errno::Success) return r;
  std::vector<HostIovec> iov;
  if (Errno r = gatherIovecs(c, c.u32(1), c.u32(2), iov); r != Errno::Success) return r;
  if (!c.ptr(c.u32(4), 4)) return Errno::Fault;
  if (c.u64(3) > uint64_t(INT64_MAX)) return Errno::Inval;
  auto hv = toHost(iov);
  ssize_t n = pwritev(e->host, hv.data(), int(hv.size()), off_t(c.u64(3)));
  if (n < 0) return fromHost(errno);
  c.store<uint32_t>(c.u32(4), uint32_t(n));
  return Errno::Success;
}

Errno impl_fd_seek(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdSeek, e); r != Errno::Success) return r;
  int whence;
  switch (c.u32(2)) {
    case 0: whence = SEEK_SET; break;
    case 1: whence = SEEK_CUR; break;
    case 2: whence = SEEK_END; break;
    default: return Errno::Inval;
  }
  if (!c.ptr(c.u32(3), 8)) return Errno::Fault;
  off_t r = lseek(e->host, off_t(int64_t(c.u64(1))), whence);
  if (r < 0) return fromHost(errno);
  c.store<uint64_t>(c.u32(3), uint64_t(r));
  return Errno::Success;
}

Errno impl_fd_tell(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdTell, e); r != Errno::Success) return r;
  if (!c.ptr(c.u32(1), 8)) return Errno::Fault;
  off_t r = lseek(e->host, 0, SEEK_CUR);
  if (r < 0) return fromHost(errno);
  c.store<uint64_t>(c.u32(1), uint64_t(r));
  return Errno::Success;
}

Errno impl_fd_prestat_get(Call& c) {
  FdEntry* e = c.fd(c.u32(0));
  if (!e || !e->preopenName) return Errno::Badf;
  uint32_t out = c.u32(1);
  if (!c.ptr(out, 8)) return Errno::Fault;
  c.store<uint32_t>(out, 0);  // tag = dir, padding
  c.store<uint32_t>(out + 4, uint32_t(e->preopenName->size()));
  return Errno::Success;
}

Errno impl_fd_prestat_dir_name(Call& c) {
  FdEntry* e = c.fd(c.u32(0));
  if (!e || !e->preopenName) return Errno::Badf;
  const std::string& name = *e->preopenName;
  uint32_t len = c.u32(2);
  if (len < name.size()) return Errno::NameTooLong;
  uint8_t* p = c.ptr(c.u32(1), name.size());
  if (!p) return Errno::Fault;
  std::memcpy(p, name.data(), name.size());
  return Errno::Success;
}

Errno impl_fd_readdir(Call& c) {
  FdEntry* e;
  if (Errno r = lookup(c, c.u32(0), rights::FdReaddir, e); r != Errno::Success) return r;
  if (e->filetype != kFtDirectory) return Errno::NotDir;
  uint32_t buf = c.u32(1), bufLen = c.u32(2), usedPtr = c.u32(4);
  uint64_t cookie = c.u64(3);
  uint8_t* out = c.ptr(buf, bufLen);
  if (!out || !c.ptr(usedPtr, 4)) return Errno::Fault;
  if (cookie == 0 || !e->dirCacheValid) {
    if (Errno r = readDirectory(e->host, e->dirCache); r != Errno::Success) return r;
    e->dirCacheValid = true;
  }
  uint32_t used = 0;
  for (uint64_t i = cookie; i < e->dirCache.size() && used < bufLen; ++i) {
    const DirEntryInfo& d = e->dirCache[i];
    uint8_t rec[24] = {};
    uint64_t next = i + 1;
    uint32_t namlen = uint32_t(d.name.size());
    std::memcpy(rec + 0, &next, 8);
    std::memcpy(rec + 8, &d.ino, 8);
    std::memcpy(rec + 16, &namlen, 4);
    rec[20] = d.type;
    // A record that does not fit is truncated; the guest sees bufused == buf_len and retries.
    uint32_t n = std::min<uint32_t>(24, bufLen - used);
    std::memcpy(out + used, rec, n);
    used += n;
    n = std::min<uint32_t>(namlen, bufLen - used);
    std::memcpy(out + used, d.name.data(), n);
    used += n;
  }
  c.store<uint32_t>(usedPtr, used);
  return Errno::Success;
}

Errno impl_fd_renumber(Call& c) {
  auto& t = c.ctx.fds();
  uint32_t from = c.u32(0), to = c.u32(1);
  if (from >= t.size() || !t[from] || to >= t.size() || !t[to]) return Errno::Badf;
  if (from == to) return Errno::Success;
  t[to] = std::move(t[from]);
  return Errno::Success;
}

}  // namespace wasmc::wasi
