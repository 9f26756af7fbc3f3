// runtime/wasi/wasi.cpp — the WASI registry and dispatcher: the function table from
// wasi_functions.def, WasiContext set-up (stdio + preopens), shared helpers (errno mapping, guest
// strings, iovecs, fd allocation) and addWasi. Invariant: the guest fd table never holds a host fd
// that was not opened beneath a preopen or given as stdio.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runtime/wasi/wasi_internal.h"

namespace wasmc::wasi {

namespace {

constexpr WasiFuncInfo kInfos[] = {
#define WASMC_WASI_FUNC(name, params, results) {#name, params, results},
#include "runtime/wasi/wasi_functions.def"
#undef WASMC_WASI_FUNC
};
static_assert(sizeof(kInfos) / sizeof(kInfos[0]) == 46, "WASI preview1 has 46 functions");

using Impl = Errno (*)(Call&);
constexpr Impl kImpls[] = {
#define WASMC_WASI_FUNC(name, params, results) &impl_##name,
#include "runtime/wasi/wasi_functions.def"
#undef WASMC_WASI_FUNC
};

wasm::ValType typeOf(char c) { return c == 'I' ? wasm::ValType::I64 : wasm::ValType::I32; }

std::unique_ptr<FdEntry> stdioEntry(int host) {
  auto e = std::make_unique<FdEntry>();
  e->host = host;
  e->ownsHost = false;
  struct stat st;
  if (isatty(host))
    e->filetype = kFtCharDevice;
  else if (fstat(host, &st) == 0)
    e->filetype = fileTypeFromMode(st.st_mode);
  e->rightsBase = rights::File;
  // wasi-libc's isatty() means "character device without SEEK/TELL"; it decides stdout's line buffering.
  if (e->filetype == kFtCharDevice) e->rightsBase &= ~(rights::FdSeek | rights::FdTell);
  e->rightsInheriting = rights::File;
  return e;
}

}  // namespace

const WasiFuncInfo& wasiFuncInfo(WasiFunc f) { return kInfos[size_t(f)]; }

std::optional<WasiFunc> lookupWasiFunc(std::string_view name) {
  for (uint32_t i = 0; i < kNumWasiFuncs; ++i)
    if (name == kInfos[i].name) return WasiFunc(i);
  return std::nullopt;
}

wasm::FuncType wasiFuncType(WasiFunc f) {
  wasm::FuncType t;
  for (const char* p = kInfos[size_t(f)].params; *p; ++p) t.params.push_back(typeOf(*p));
  for (const char* p = kInfos[size_t(f)].results; *p; ++p) t.results.push_back(typeOf(*p));
  return t;
}

FdEntry::~FdEntry() {
  if (ownsHost && host >= 0) ::close(host);
}

WasiContext::WasiContext(WasiOptions opts) : opts_(std::move(opts)) {}
WasiContext::~WasiContext() = default;

Expected<std::unique_ptr<WasiContext>> WasiContext::create(WasiOptions opts) {
  std::unique_ptr<WasiContext> ctx(new WasiContext(std::move(opts)));
  ctx->fds_.push_back(stdioEntry(ctx->opts_.stdinFd));
  ctx->fds_.push_back(stdioEntry(ctx->opts_.stdoutFd));
  ctx->fds_.push_back(stdioEntry(ctx->opts_.stderrFd));
  for (const auto& p : ctx->opts_.preopens) {
    int h = ::open(p.hostPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (h < 0)
      return Error::plain("cannot open directory '" + p.hostPath + "': " + std::strerror(errno));
    auto e = std::make_unique<FdEntry>();
    e->host = h;
    e->filetype = kFtDirectory;
    e->rightsBase = rights::Directory;
    e->rightsInheriting = rights::All;
    e->preopenName = p.guestPath;
    ctx->fds_.push_back(std::move(e));
  }
  return ctx;
}

Errno fromHost(int e) {
  switch (e) {
    case 0: return Errno::Success;
    case E2BIG: return Errno::TooBig;
    case EACCES: return Errno::Acces;
    case EAGAIN: return Errno::Again;
    case EALREADY: return Errno::Already;
    case EBADF: return Errno::Badf;
    case EBUSY: return Errno::Busy;
    case ECANCELED: return Errno::Canceled;
    case EDEADLK: return Errno::Deadlk;
    case EDQUOT: return Errno::Dquot;
    case EEXIST: return Errno::Exist;
    case EFAULT: return Errno::Fault;
    case EFBIG: return Errno::Fbig;
    case EILSEQ: return Errno::Ilseq;
    case EINTR: return Errno::Intr;
    case EINVAL: return Errno::Inval;
    case EIO: return Errno::Io;
    case EISDIR: return Errno::IsDir;
    case ELOOP: return Errno::Loop;
    case EMFILE: return Errno::Mfile;
    case EMLINK: return Errno::Mlink;
    case ENAMETOOLONG: return Errno::NameTooLong;
    case ENFILE: return Errno::Nfile;
    case ENODEV: return Errno::NoDev;
    case ENOENT: return Errno::NoEnt;
    case ENOMEM: return Errno::NoMem;
    case ENOSPC: return Errno::NoSpc;
    case ENOSYS: return Errno::NoSys;
    case ENOTDIR: return Errno::NotDir;
    case ENOTEMPTY: return Errno::NotEmpty;
    case ENOTSOCK: return Errno::NotSock;
    case EOPNOTSUPP: return Errno::NotSup;
    case ENOTTY: return Errno::NotTy;
    case ENXIO: return Errno::Nxio;
    case EOVERFLOW: return Errno::Overflow;
    case EPERM: return Errno::Perm;
    case EPIPE: return Errno::Pipe;
    case ERANGE: return Errno::Range;
    case EROFS: return Errno::Rofs;
    case ESPIPE: return Errno::Spipe;
    case ETIMEDOUT: return Errno::TimedOut;
    case ETXTBSY: return Errno::TxtBsy;
    case EXDEV: return Errno::Xdev;
    default: return Errno::Io;
  }
}

uint8_t fileTypeFromMode(uint32_t mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return kFtRegular;
    case S_IFDIR: return kFtDirectory;
    case S_IFCHR: return kFtCharDevice;
    case S_IFBLK: return kFtBlockDevice;
    case S_IFLNK: return kFtSymlink;
    case S_IFSOCK: return kFtSocketStream;
    default: return kFtUnknown;
  }
}

Errno Call::path(uint32_t addr, uint32_t len, std::string& out) const {
  const uint8_t* p = ptr(addr, len);
  if (!p) return Errno::Fault;
  if (std::memchr(p, 0, len)) return Errno::Inval;
  out.assign(reinterpret_cast<const char*>(p), len);
  return Errno::Success;
}

FdEntry* Call::fd(uint32_t fd) const {
  auto& t = ctx.fds();
  return fd < t.size() ? t[fd].get() : nullptr;
}

Errno gatherIovecs(const Call& c, uint32_t iovs, uint32_t count, std::vector<HostIovec>& out) {
  if (!c.ptr(iovs, uint64_t(count) * 8)) return Errno::Fault;
  out.clear();
  out.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t buf = 0, len = 0;
    c.load(iovs + i * 8, buf);
    c.load(iovs + i * 8 + 4, len);
    uint8_t* p = c.ptr(buf, len);
    if (!p) return Errno::Fault;
    out.push_back({p, len});
  }
  return Errno::Success;
}

uint32_t installFd(WasiContext& ctx, std::unique_ptr<FdEntry> entry) {
  auto& t = ctx.fds();
  for (uint32_t i = 0; i < t.size(); ++i)
    if (!t[i]) {
      t[i] = std::move(entry);
      return i;
    }
  t.push_back(std::move(entry));
  return uint32_t(t.size() - 1);
}

rt::ExecResult callWasi(WasiFunc f, WasiContext& ctx, rt::MemoryInst* memory,
                        std::span<const rt::Value> args, std::span<rt::Value> results) {
  Call call(ctx, memory, args);
  Errno e = kImpls[size_t(f)](call);
  if (call.trap) return std::move(call.trap);
  if (!results.empty()) results[0] = rt::Value::makeI32(uint32_t(e));
  return std::nullopt;
}

}  // namespace wasmc::wasi
