// runtime/wasi/wasi_internal.h — what the per-area WASI files share: errno and rights values
// (preview1 witx numbering), the fd-table entry, and `Call`, the bounds-checked view of one guest
// call's arguments and memory. Invariant: guest memory is touched only through Call's checked accessors.
#pragma once
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <time.h>

#include "runtime/wasi/wasi.h"

namespace wasmc::wasi {

// __wasi_errno_t (witx order).
enum class Errno : uint16_t {
  Success = 0, TooBig = 1, Acces = 2, AddrInUse = 3, AddrNotAvail = 4, AfNoSupport = 5, Again = 6,
  Already = 7, Badf = 8, BadMsg = 9, Busy = 10, Canceled = 11, Child = 12, ConnAborted = 13,
  ConnRefused = 14, ConnReset = 15, Deadlk = 16, DestAddrReq = 17, Dom = 18, Dquot = 19, Exist = 20,
  Fault = 21, Fbig = 22, HostUnreach = 23, Idrm = 24, Ilseq = 25, InProgress = 26, Intr = 27,
  Inval = 28, Io = 29, IsConn = 30, IsDir = 31, Loop = 32, Mfile = 33, Mlink = 34, MsgSize = 35,
  Multihop = 36, NameTooLong = 37, NetDown = 38, NetReset = 39, NetUnreach = 40, Nfile = 41,
  NoBufs = 42, NoDev = 43, NoEnt = 44, NoExec = 45, NoLck = 46, NoLink = 47, NoMem = 48, NoMsg = 49,
  NoProtoOpt = 50, NoSpc = 51, NoSys = 52, NotConn = 53, NotDir = 54, NotEmpty = 55,
  NotRecoverable = 56, NotSock = 57, NotSup = 58, NotTy = 59, Nxio = 60, Overflow = 61,
  OwnerDead = 62, Perm = 63, Pipe = 64, Proto = 65, ProtoNoSupport = 66, ProtoType = 67, Range = 68,
  Rofs = 69, Spipe = 70, Srch = 71, Stale = 72, TimedOut = 73, TxtBsy = 74, Xdev = 75,
  NotCapable = 76,
};

// Host errno → WASI errno.
Errno fromHost(int hostErrno);

// __wasi_filetype_t
enum FileType : uint8_t {
  kFtUnknown = 0, kFtBlockDevice = 1, kFtCharDevice = 2, kFtDirectory = 3, kFtRegular = 4,
  kFtSocketDgram = 5, kFtSocketStream = 6, kFtSymlink = 7,
};
uint8_t fileTypeFromMode(uint32_t stMode);

// __wasi_rights_t bits (witx order).
namespace rights {
constexpr uint64_t FdDatasync = 1ull << 0, FdRead = 1ull << 1, FdSeek = 1ull << 2,
                   FdFdstatSetFlags = 1ull << 3, FdSync = 1ull << 4, FdTell = 1ull << 5,
                   FdWrite = 1ull << 6, FdAdvise = 1ull << 7, FdAllocate = 1ull << 8,
                   PathCreateDirectory = 1ull << 9, PathCreateFile = 1ull << 10,
                   PathLinkSource = 1ull << 11, PathLinkTarget = 1ull << 12, PathOpen = 1ull << 13,
                   FdReaddir = 1ull << 14, PathReadlink = 1ull << 15, PathRenameSource = 1ull << 16,
                   PathRenameTarget = 1ull << 17, PathFilestatGet = 1ull << 18,
                   PathFilestatSetSize = 1ull << 19, PathFilestatSetTimes = 1ull << 20,
                   FdFilestatGet = 1ull << 21, FdFilestatSetSize = 1ull << 22,
                   FdFilestatSetTimes = 1ull << 23, PathSymlink = 1ull << 24,
                   PathRemoveDirectory = 1ull << 25, PathUnlinkFile = 1ull << 26,
                   PollFdReadwrite = 1ull << 27, SockShutdown = 1ull << 28, SockAccept = 1ull << 29;
constexpr uint64_t All = (1ull << 30) - 1;
constexpr uint64_t File = FdDatasync | FdRead | FdSeek | FdFdstatSetFlags | FdSync | FdTell | FdWrite |
                          FdAdvise | FdAllocate | FdFilestatGet | FdFilestatSetSize |
                          FdFilestatSetTimes | PollFdReadwrite;
constexpr uint64_t Directory = All & ~(FdRead | FdWrite | FdSeek | FdTell | FdAllocate | FdDatasync |
                                       FdFilestatSetSize | SockShutdown | SockAccept | PollFdReadwrite);
}  // namespace rights

// __wasi_fdflags_t, __wasi_oflags_t, __wasi_lookupflags_t, __wasi_fstflags_t
constexpr uint16_t kFdflagAppend = 1, kFdflagDsync = 2, kFdflagNonblock = 4, kFdflagRsync = 8,
                   kFdflagSync = 16;
constexpr uint16_t kOflagCreat = 1, kOflagDirectory = 2, kOflagExcl = 4, kOflagTrunc = 8;
constexpr uint32_t kLookupSymlinkFollow = 1;
constexpr uint16_t kFstAtim = 1, kFstAtimNow = 2, kFstMtim = 4, kFstMtimNow = 8;

struct DirEntryInfo {
  std::string name;
  uint64_t ino = 0;
  uint8_t type = kFtUnknown;
};

// One open guest fd. Owns its host fd unless it is one of the context's stdio fds.
struct FdEntry {
  int host = -1;
  bool ownsHost = true;
  uint8_t filetype = kFtUnknown;
  uint64_t rightsBase = 0;
  uint64_t rightsInheriting = 0;
  std::optional<std::string> preopenName;  // set for preopened directories
  std::vector<DirEntryInfo> dirCache;      // fd_readdir listing; refreshed at cookie 0
  bool dirCacheValid = false;
  FdEntry() = default;
  FdEntry(const FdEntry&) = delete;
  FdEntry& operator=(const FdEntry&) = delete;
  ~FdEntry();
};

// One guest call: its arguments, the caller's memory, and the context.
class Call {
 public:
  Call(WasiContext& ctx, rt::MemoryInst* mem, std::span<const rt::Value> args)
      : ctx(ctx), mem_(mem), args_(args) {}

  WasiContext& ctx;
  std::optional<rt::Trap> trap;  // set by proc_exit

  uint32_t u32(size_t i) const { return args_[i].i32; }
  uint64_t u64(size_t i) const { return args_[i].i64; }

  // Pointer to [addr, addr+len) in guest memory, or null when any byte is out of bounds.
  uint8_t* ptr(uint32_t addr, uint64_t len) const {
    if (!mem_ || !mem_->base || uint64_t(addr) + len > mem_->sizeBytes) return nullptr;
    return mem_->base + addr;
  }
  template <class T>
  bool store(uint32_t addr, T v) const {
    uint8_t* p = ptr(addr, sizeof(T));
    if (!p) return false;
    std::memcpy(p, &v, sizeof(T));  // Wasm memory is little-endian, as are our hosts
    return true;
  }
  template <class T>
  bool load(uint32_t addr, T& v) const {
    const uint8_t* p = ptr(addr, sizeof(T));
    if (!p) return false;
    std::memcpy(&v, p, sizeof(T));
    return true;
  }
  // A guest path string: EFAULT when out of bounds, EINVAL when it contains NUL.
  Errno path(uint32_t addr, uint32_t len, std::string& out) const;

  // The open fd `fd`, or null.
  FdEntry* fd(uint32_t fd) const;

 private:
  rt::MemoryInst* mem_;
  std::span<const rt::Value> args_;
};

// Gathers a guest iovec array into host iovecs (every buffer bounds-checked).
struct HostIovec {
  void* base;
  size_t len;
};
Errno gatherIovecs(const Call& c, uint32_t iovs, uint32_t count, std::vector<HostIovec>& out);

// The POSIX clock behind a preview1 clock id (0..3), or nullopt.
std::optional<int> hostClock(uint32_t id);

// Writes a __wasi_filestat_t (64 bytes) from a host stat.
Errno writeFilestat(const Call& c, uint32_t addr, const struct ::stat& st);
// Builds utimensat times from (atim, mtim, fstflags); EINVAL for contradictory flags.
Errno fstTimes(uint64_t atim, uint64_t mtim, uint16_t fst, struct ::timespec (&ts)[2]);

// Allocates the lowest free guest fd for `entry`.
uint32_t installFd(WasiContext& ctx, std::unique_ptr<FdEntry> entry);

// The per-function implementations; each returns the errno the guest sees.
#define WASMC_WASI_FUNC(name, params, results) Errno impl_##name(Call& c);
#include "runtime/wasi/wasi_functions.def"
#undef WASMC_WASI_FUNC

}  // namespace wasmc::wasi
