// test/unit/wasi/wasi_test.cpp — the WASI layer called directly (callWasi) with a fake guest memory
// and a scratch preopen: struct layouts, errno values, bounds checks (EFAULT), sandbox escapes.
// Expected values come from the preview1 witx (wasi/api.h), not from our implementation.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "runtime/wasi/wasi.h"

namespace wasmc::wasi {
namespace {

namespace fs = std::filesystem;
using rt::Value;

constexpr uint16_t kSuccess = 0, kBadf = 8, kExist = 20, kFault = 21, kInval = 28, kIsDir = 31,
                   kLoop = 32, kNoEnt = 44, kNotDir = 54, kNotEmpty = 55, kNotSock = 57, kPerm = 63;
constexpr uint32_t kPreopen = 3;  // first preopen fd
constexpr uint64_t kRightsFdRead = 1ull << 1, kRightsFdWrite = 1ull << 6, kRightsFdSeek = 1ull << 2,
                   kRightsFdTell = 1ull << 5, kRightsFdReaddir = 1ull << 14, kRightsFdFilestatGet = 1ull << 21;

class WasiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/wasmc_wasi_unit_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    fs::create_directory(root_ / "sandbox");
    ASSERT_EQ(pipe(pipe_), 0);
    bytes_.assign(65536, 0);
    mem_ = new (memStorage_) rt::MemoryInst();  // never destroyed: the engine owns ~MemoryInst
    mem_->base = bytes_.data();
    mem_->sizeBytes = bytes_.size();
    WasiOptions o;
    o.args = {"prog.wasm", "a b", ""};
    o.env = {"K=V", "EMPTY="};
    o.preopens.push_back({(root_ / "sandbox").string(), "/sandbox"});
    o.stdoutFd = pipe_[1];
    auto c = WasiContext::create(std::move(o));
    ASSERT_TRUE(c.ok()) << c.error().message;
    ctx_ = std::move(*c);
  }
  void TearDown() override {
    ctx_.reset();
    close(pipe_[0]);
    close(pipe_[1]);
    fs::remove_all(root_);
  }

  // Calls `name` with i32/i64 arguments given as uint64 (converted per the signature).
  uint32_t call(const char* name, std::initializer_list<uint64_t> a, rt::ExecResult* trapOut = nullptr) {
    auto f = lookupWasiFunc(name);
    EXPECT_TRUE(f.has_value()) << name;
    if (!f) return 0xffff;
    wasm::FuncType t = wasiFuncType(*f);
    EXPECT_EQ(t.params.size(), a.size()) << name;
    std::vector<Value> args;
    size_t i = 0;
    for (uint64_t v : a) {
      args.push_back(t.params[i] == wasm::ValType::I64 ? Value::makeI64(v) : Value::makeI32(uint32_t(v)));
      ++i;
    }
    std::vector<Value> results(t.results.size());
    rt::ExecResult r = callWasi(*f, *ctx_, mem_, args, results);
    if (trapOut) *trapOut = r;
    else EXPECT_FALSE(r.has_value()) << name;
    return results.empty() ? 0 : results[0].i32;
  }
  uint32_t putStr(uint32_t addr, const std::string& s) {
    std::memcpy(&bytes_[addr], s.data(), s.size());
    return uint32_t(s.size());
  }
  template <class T>
  T at(uint32_t addr) const {
    T v;
    std::memcpy(&v, &bytes_[addr], sizeof v);
    return v;
  }
  template <class T>
  void set(uint32_t addr, T v) {
    std::memcpy(&bytes_[addr], &v, sizeof v);
  }
  // path_open beneath the preopen; returns errno, fd in *fd.
  uint32_t open(const std::string& path, uint32_t oflags, uint64_t rights, uint32_t* fd,
                uint32_t lookup = 1, uint32_t fdflags = 0) {
    uint32_t len = putStr(1000, path);
    uint32_t e = call("path_open", {kPreopen, lookup, 1000, len, oflags, rights, rights, fdflags, 900});
    *fd = at<uint32_t>(900);
    return e;
  }
  uint32_t pathOp(const char* name, const std::string& path) {
    uint32_t len = putStr(1000, path);
    return call(name, {kPreopen, 1000, len});
  }

  fs::path root_;
  int pipe_[2] = {-1, -1};
  std::vector<uint8_t> bytes_;
  alignas(rt::MemoryInst) unsigned char memStorage_[sizeof(rt::MemoryInst)];
  rt::MemoryInst* mem_ = nullptr;
  std::unique_ptr<WasiContext> ctx_;
};

TEST(WasiTable, All46FunctionsWithWitxSignatures) {
  EXPECT_EQ(kNumWasiFuncs, 46u);
  std::set<std::string> names;
  for (uint32_t i = 0; i < kNumWasiFuncs; ++i) names.insert(wasiFuncInfo(WasiFunc(i)).name);
  EXPECT_EQ(names.size(), 46u);
  for (const char* n : {"args_get", "fd_readdir", "path_open", "poll_oneoff", "proc_raise", "sock_shutdown"})
    EXPECT_TRUE(names.count(n)) << n;
  using V = wasm::ValType;
  EXPECT_EQ(wasiFuncType(*lookupWasiFunc("fd_write")), (wasm::FuncType{{V::I32, V::I32, V::I32, V::I32}, {V::I32}}));
  EXPECT_EQ(wasiFuncType(*lookupWasiFunc("fd_seek")), (wasm::FuncType{{V::I32, V::I64, V::I32, V::I32}, {V::I32}}));
  EXPECT_EQ(wasiFuncType(*lookupWasiFunc("path_open")),
            (wasm::FuncType{{V::I32, V::I32, V::I32, V::I32, V::I32, V::I64, V::I64, V::I32, V::I32}, {V::I32}}));
  EXPECT_EQ(wasiFuncType(*lookupWasiFunc("proc_exit")), (wasm::FuncType{{V::I32}, {}}));
  EXPECT_EQ(wasiFuncType(*lookupWasiFunc("sched_yield")), (wasm::FuncType{{}, {V::I32}}));
  EXPECT_FALSE(lookupWasiFunc("fd_frobnicate").has_value());
}

TEST_F(WasiTest, ArgsAndEnvironLayout) {
  EXPECT_EQ(call("args_sizes_get", {100, 104}), kSuccess);
  EXPECT_EQ(at<uint32_t>(100), 3u);
  EXPECT_EQ(at<uint32_t>(104), 10u + 4u + 1u);  // "prog.wasm\0" "a b\0" "\0"
  EXPECT_EQ(call("args_get", {200, 300}), kSuccess);
  EXPECT_EQ(at<uint32_t>(200), 300u);
  EXPECT_EQ(at<uint32_t>(204), 310u);
  EXPECT_EQ(at<uint32_t>(208), 314u);
  EXPECT_STREQ(reinterpret_cast<const char*>(&bytes_[310]), "a b");
  EXPECT_EQ(bytes_[314], 0);
  EXPECT_EQ(call("environ_sizes_get", {100, 104}), kSuccess);
  EXPECT_EQ(at<uint32_t>(100), 2u);
  EXPECT_EQ(at<uint32_t>(104), 4u + 7u);
  EXPECT_EQ(call("environ_get", {200, 300}), kSuccess);
  EXPECT_STREQ(reinterpret_cast<const char*>(&bytes_[at<uint32_t>(204)]), "EMPTY=");
}

TEST_F(WasiTest, OutOfBoundsPointersGiveEfault) {
  EXPECT_EQ(call("args_sizes_get", {65534, 100}), kFault);
  EXPECT_EQ(call("args_get", {200, 65530}), kFault);
  EXPECT_EQ(call("clock_time_get", {1, 0, 65532}), kFault);
  EXPECT_EQ(call("random_get", {65000, 1000}), kFault);
  // An iovec whose buffer runs past the end of memory.
  set<uint32_t>(100, 65500);
  set<uint32_t>(104, 100);
  EXPECT_EQ(call("fd_write", {1, 100, 1, 200}), kFault);
  EXPECT_EQ(call("fd_write", {1, 0xfffffff8u, 1, 200}), kFault);
}

TEST_F(WasiTest, FdWriteGathersIovecs) {
  putStr(400, "hello ");
  putStr(500, "world\n");
  set<uint32_t>(100, 400);
  set<uint32_t>(104, 6);
  set<uint32_t>(108, 500);
  set<uint32_t>(112, 6);
  EXPECT_EQ(call("fd_write", {1, 100, 2, 200}), kSuccess);
  EXPECT_EQ(at<uint32_t>(200), 12u);
  char buf[32] = {};
  ASSERT_EQ(read(pipe_[0], buf, sizeof buf), 12);
  EXPECT_STREQ(buf, "hello world\n");
  EXPECT_EQ(call("fd_write", {77, 100, 2, 200}), kBadf);
}

TEST_F(WasiTest, PrestatNamesThePreopen) {
  EXPECT_EQ(call("fd_prestat_get", {kPreopen, 100}), kSuccess);
  EXPECT_EQ(bytes_[100], 0);  // tag: dir
  EXPECT_EQ(at<uint32_t>(104), 8u);
  EXPECT_EQ(call("fd_prestat_dir_name", {kPreopen, 200, 8}), kSuccess);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&bytes_[200]), 8), "/sandbox");
  EXPECT_EQ(call("fd_prestat_get", {1, 100}), kBadf);
  EXPECT_EQ(call("fd_prestat_get", {4, 100}), kBadf);
}

TEST_F(WasiTest, FileRoundTripSeekTellFilestat) {
  uint32_t fd;
  ASSERT_EQ(open("f.txt", 1 /*creat*/, kRightsFdRead | kRightsFdWrite | kRightsFdSeek | kRightsFdTell |
                                              kRightsFdFilestatGet, &fd), kSuccess);
  EXPECT_EQ(fd, 4u);
  putStr(400, "abcdef");
  set<uint32_t>(100, 400);
  set<uint32_t>(104, 6);
  EXPECT_EQ(call("fd_write", {fd, 100, 1, 200}), kSuccess);
  EXPECT_EQ(call("fd_tell", {fd, 208}), kSuccess);
  EXPECT_EQ(at<uint64_t>(208), 6u);
  EXPECT_EQ(call("fd_seek", {fd, uint64_t(-4), 1 /*cur*/, 208}), kSuccess);
  EXPECT_EQ(at<uint64_t>(208), 2u);
  set<uint32_t>(100, 600);
  set<uint32_t>(104, 10);
  EXPECT_EQ(call("fd_read", {fd, 100, 1, 200}), kSuccess);
  EXPECT_EQ(at<uint32_t>(200), 4u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&bytes_[600]), 4), "cdef");
  EXPECT_EQ(call("fd_seek", {fd, 0, 3 /*bad whence*/, 208}), kInval);
  EXPECT_EQ(call("fd_filestat_get", {fd, 700}), kSuccess);
  EXPECT_EQ(bytes_[700 + 16], 4);                // regular file
  EXPECT_EQ(at<uint64_t>(700 + 32), 6u);         // size
  struct stat st;
  ASSERT_EQ(stat((root_ / "sandbox/f.txt").c_str(), &st), 0);
  EXPECT_EQ(at<uint64_t>(700 + 8), uint64_t(st.st_ino));
  EXPECT_EQ(call("fd_fdstat_get", {fd, 800}), kSuccess);
  EXPECT_EQ(bytes_[800], 4);
  EXPECT_NE(at<uint64_t>(808) & kRightsFdWrite, 0u);
  EXPECT_EQ(call("fd_close", {fd}), kSuccess);
  EXPECT_EQ(call("fd_close", {fd}), kBadf);
  EXPECT_EQ(call("fd_read", {fd, 100, 1, 200}), kBadf);
}

TEST_F(WasiTest, AppendFlagIsReportedAndHonoured) {
  std::ofstream(root_ / "sandbox/log") << "12345";
  uint32_t fd;
  ASSERT_EQ(open("log", 0, kRightsFdWrite | kRightsFdSeek | kRightsFdFilestatGet, &fd, 1, 1 /*append*/), kSuccess);
  EXPECT_EQ(call("fd_fdstat_get", {fd, 800}), kSuccess);
  EXPECT_EQ(at<uint16_t>(802) & 1, 1);
  putStr(400, "xy");
  set<uint32_t>(100, 400);
  set<uint32_t>(104, 2);
  EXPECT_EQ(call("fd_seek", {fd, 0, 0, 208}), kSuccess);
  EXPECT_EQ(call("fd_write", {fd, 100, 1, 200}), kSuccess);
  EXPECT_EQ(call("fd_filestat_get", {fd, 700}), kSuccess);
  EXPECT_EQ(at<uint64_t>(700 + 32), 7u);
}

TEST_F(WasiTest, EscapesArePermissionErrors) {
  std::ofstream(root_ / "secret") << "s";
  fs::create_directory(root_ / "sandbox/d");
  std::ofstream(root_ / "sandbox/d/in") << "i";
  uint32_t fd;
  EXPECT_EQ(open("../secret", 0, kRightsFdRead, &fd), kPerm);
  EXPECT_EQ(open("d/../../secret", 0, kRightsFdRead, &fd), kPerm);
  EXPECT_EQ(open("/secret", 0, kRightsFdRead, &fd), kPerm);
  EXPECT_EQ(open("d/./../d/in", 0, kRightsFdRead, &fd), kSuccess);
  fs::create_symlink(root_ / "secret", root_ / "sandbox/abs_link");
  fs::create_symlink("../secret", root_ / "sandbox/rel_link");
  fs::create_symlink("d/in", root_ / "sandbox/ok_link");
  EXPECT_EQ(open("abs_link", 0, kRightsFdRead, &fd), kPerm);
  EXPECT_EQ(open("rel_link", 0, kRightsFdRead, &fd), kPerm);
  EXPECT_EQ(open("ok_link", 0, kRightsFdRead, &fd), kSuccess);
  EXPECT_EQ(open("ok_link", 0, kRightsFdRead, &fd, 0 /*nofollow*/), kLoop);
  EXPECT_EQ(pathOp("path_create_directory", "../outside"), kPerm);
  EXPECT_FALSE(fs::exists(root_ / "outside"));
  EXPECT_EQ(pathOp("path_unlink_file", "rel_link/../secret"), kPerm);
  EXPECT_TRUE(fs::exists(root_ / "secret"));
  // Unlinking a symlink removes the link, never its target.
  EXPECT_EQ(pathOp("path_unlink_file", "abs_link"), kSuccess);
  EXPECT_TRUE(fs::exists(root_ / "secret"));
  // A last component ".." that leaves the preopen is an escape like any other (EPERM), for every call;
  // inside the preopen "d/.." is the preopen itself (not empty).
  EXPECT_EQ(pathOp("path_remove_directory", ".."), kPerm);
  EXPECT_EQ(pathOp("path_remove_directory", "d/../.."), kPerm);
  EXPECT_EQ(pathOp("path_create_directory", ".."), kPerm);
  EXPECT_EQ(pathOp("path_unlink_file", "../"), kPerm);
  EXPECT_EQ(pathOp("path_remove_directory", "d/.."), kNotEmpty);
  EXPECT_EQ(pathOp("path_create_directory", "d/.."), kExist);
  EXPECT_TRUE(fs::exists(root_ / "sandbox"));
}

TEST_F(WasiTest, DirectoryOperationsAndErrnos) {
  EXPECT_EQ(pathOp("path_create_directory", "sub"), kSuccess);
  EXPECT_TRUE(fs::is_directory(root_ / "sandbox/sub"));
  EXPECT_EQ(pathOp("path_create_directory", "sub"), kExist);
  EXPECT_EQ(pathOp("path_unlink_file", "sub"), kIsDir);
  std::ofstream(root_ / "sandbox/sub/x") << "x";
  EXPECT_EQ(pathOp("path_remove_directory", "sub"), kNotEmpty);
  EXPECT_EQ(pathOp("path_remove_directory", "sub/x"), kNotDir);
  EXPECT_EQ(pathOp("path_unlink_file", "sub/x/"), kNotDir);
  EXPECT_EQ(pathOp("path_unlink_file", "nothere"), kNoEnt);
  uint32_t l1 = putStr(1000, "sub/x");
  uint32_t l2 = putStr(1100, "y");
  EXPECT_EQ(call("path_rename", {kPreopen, 1000, l1, kPreopen, 1100, l2}), kSuccess);
  EXPECT_TRUE(fs::exists(root_ / "sandbox/y"));
  EXPECT_EQ(pathOp("path_remove_directory", "sub"), kSuccess);
  EXPECT_EQ(pathOp("path_unlink_file", "y"), kSuccess);
  EXPECT_EQ(pathOp("path_create_directory", ""), kNoEnt);
}

TEST_F(WasiTest, ReaddirCookiesResumeAndSmallBuffersTruncate) {
  for (const char* n : {"alpha", "beta", "gamma"}) std::ofstream(root_ / "sandbox" / n) << n;
  // Read everything with a big buffer.
  EXPECT_EQ(call("fd_readdir", {kPreopen, 4096, 4096, 0, 100}), kSuccess);
  uint32_t used = at<uint32_t>(100);
  EXPECT_LT(used, 4096u);
  std::vector<std::pair<std::string, uint64_t>> entries;  // name, d_next
  for (uint32_t off = 0; off < used;) {
    uint32_t namlen = at<uint32_t>(4096 + off + 16);
    entries.push_back({std::string(reinterpret_cast<const char*>(&bytes_[4096 + off + 24]), namlen),
                       at<uint64_t>(4096 + off)});
    off += 24 + namlen;
  }
  std::set<std::string> names;
  for (auto& e : entries) names.insert(e.first);
  EXPECT_EQ(names, (std::set<std::string>{".", "..", "alpha", "beta", "gamma"}));
  // Resuming at the second entry's cookie yields exactly the rest, in order.
  ASSERT_GE(entries.size(), 2u);
  EXPECT_EQ(call("fd_readdir", {kPreopen, 8192, 4096, entries[1].second, 100}), kSuccess);
  uint32_t off = 0, count = 0;
  while (off < at<uint32_t>(100)) {
    uint32_t namlen = at<uint32_t>(8192 + off + 16);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(&bytes_[8192 + off + 24]), namlen),
              entries[2 + count].first);
    off += 24 + namlen;
    ++count;
  }
  EXPECT_EQ(count, entries.size() - 2);
  // A buffer smaller than one record is filled completely (bufused == buf_len means "more").
  EXPECT_EQ(call("fd_readdir", {kPreopen, 4096, 10, 0, 100}), kSuccess);
  EXPECT_EQ(at<uint32_t>(100), 10u);
  // Readdir on a regular file is not allowed.
  uint32_t fd;
  ASSERT_EQ(open("alpha", 0, kRightsFdRead | kRightsFdReaddir, &fd), kSuccess);
  EXPECT_NE(call("fd_readdir", {fd, 4096, 4096, 0, 100}), kSuccess);
}

TEST_F(WasiTest, PathFilestatFollowsOnlyWhenAsked) {
  std::ofstream(root_ / "sandbox/t") << "1234";
  fs::create_symlink("t", root_ / "sandbox/l");
  uint32_t len = putStr(1000, "l");
  EXPECT_EQ(call("path_filestat_get", {kPreopen, 1, 1000, len, 700}), kSuccess);
  EXPECT_EQ(bytes_[700 + 16], 4);
  EXPECT_EQ(at<uint64_t>(700 + 32), 4u);
  EXPECT_EQ(call("path_filestat_get", {kPreopen, 0, 1000, len, 700}), kSuccess);
  EXPECT_EQ(bytes_[700 + 16], 7);  // symbolic link
  EXPECT_EQ(call("path_readlink", {kPreopen, 1000, len, 1200, 64, 100}), kSuccess);
  EXPECT_EQ(at<uint32_t>(100), 1u);
  EXPECT_EQ(bytes_[1200], 't');
}

TEST_F(WasiTest, ClocksRandomYieldSockets) {
  EXPECT_EQ(call("clock_time_get", {1, 1, 100}), kSuccess);
  uint64_t t0 = at<uint64_t>(100);
  EXPECT_EQ(call("clock_time_get", {1, 1, 100}), kSuccess);
  EXPECT_GE(at<uint64_t>(100), t0);
  EXPECT_EQ(call("clock_time_get", {0, 1, 100}), kSuccess);
  EXPECT_GT(at<uint64_t>(100), 1600000000ull * 1000000000ull);  // after 2020
  EXPECT_EQ(call("clock_time_get", {9, 1, 100}), kInval);
  EXPECT_EQ(call("clock_res_get", {1, 100}), kSuccess);
  EXPECT_GT(at<uint64_t>(100), 0u);
  std::memset(&bytes_[2000], 0, 64);
  EXPECT_EQ(call("random_get", {2000, 64}), kSuccess);
  int nonzero = 0;
  for (int i = 0; i < 64; ++i) nonzero += bytes_[2000 + i] != 0;
  EXPECT_GT(nonzero, 32);
  EXPECT_EQ(call("sched_yield", {}), kSuccess);
  EXPECT_EQ(call("sock_shutdown", {1, 3}), kNotSock);
  EXPECT_EQ(call("sock_shutdown", {99, 3}), kBadf);
}

TEST_F(WasiTest, PollOneoffRelativeClockSleeps) {
  // subscription: userdata 42, tag clock, id monotonic, timeout 20 ms, relative
  std::memset(&bytes_[3000], 0, 48);
  set<uint64_t>(3000, 42);
  bytes_[3008] = 0;
  set<uint32_t>(3016, 1);
  set<uint64_t>(3024, 20000000);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(call("poll_oneoff", {3000, 3100, 1, 3200}), kSuccess);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(ms, 19);
  EXPECT_EQ(at<uint32_t>(3200), 1u);
  EXPECT_EQ(at<uint64_t>(3100), 42u);
  EXPECT_EQ(at<uint16_t>(3108), 0);
  EXPECT_EQ(bytes_[3110], 0);
  EXPECT_EQ(call("poll_oneoff", {3000, 3100, 0, 3200}), kInval);
}

TEST_F(WasiTest, ProcExitTrapsWithStatus) {
  rt::ExecResult r;
  call("proc_exit", {7}, &r);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::Exit);
  EXPECT_EQ(r->exitCode, 7);
}

// proc_raise: witx signal numbers (NONE 0, HUP 1, ABRT 6, KILL 9, TERM 15, CHLD 16, CONT 17, STOP 18,
// URG 22, WINCH 27, SYS 30) against Linux statuses 128 + signo (SIGTERM 15, SIGSYS 31).
TEST_F(WasiTest, ProcRaiseAppliesTheDefaultActionToTheGuest) {
  constexpr uint16_t kNotSup = 58;
  EXPECT_EQ(call("proc_raise", {0}), kSuccess);   // NONE
  EXPECT_EQ(call("proc_raise", {16}), kSuccess);  // CHLD: ignored
  EXPECT_EQ(call("proc_raise", {17}), kSuccess);  // CONT: ignored
  EXPECT_EQ(call("proc_raise", {22}), kSuccess);  // URG: ignored
  EXPECT_EQ(call("proc_raise", {27}), kSuccess);  // WINCH: ignored
  EXPECT_EQ(call("proc_raise", {18}), kNotSup);   // STOP
  EXPECT_EQ(call("proc_raise", {31}), kInval);
  EXPECT_EQ(call("proc_raise", {0xffffffffu}), kInval);
  struct {
    uint64_t sig;
    int status;
    const char* message;
  } cases[] = {{6, 134, "terminated by SIGABRT"}, {15, 143, "terminated by SIGTERM"},
               {9, 137, "terminated by SIGKILL"}, {30, 159, "terminated by SIGSYS"},
               {1, 129, "terminated by SIGHUP"}};
  for (const auto& k : cases) {
    rt::ExecResult r;
    call("proc_raise", {k.sig}, &r);
    ASSERT_TRUE(r.has_value()) << k.sig;
    EXPECT_EQ(r->code, TrapCode::Exit);
    EXPECT_EQ(r->exitCode, k.status);
    EXPECT_EQ(r->message, k.message);
  }
}

TEST_F(WasiTest, RenumberReplacesTarget) {
  uint32_t a, b;
  std::ofstream(root_ / "sandbox/a") << "A";
  std::ofstream(root_ / "sandbox/b") << "B";
  ASSERT_EQ(open("a", 0, kRightsFdRead, &a), kSuccess);
  ASSERT_EQ(open("b", 0, kRightsFdRead, &b), kSuccess);
  EXPECT_EQ(call("fd_renumber", {a, b}), kSuccess);
  EXPECT_EQ(call("fd_close", {a}), kBadf);
  set<uint32_t>(100, 600);
  set<uint32_t>(104, 1);
  EXPECT_EQ(call("fd_read", {b, 100, 1, 200}), kSuccess);
  EXPECT_EQ(bytes_[600], 'A');
  EXPECT_EQ(call("fd_renumber", {b, 50}), kBadf);
}

TEST_F(WasiTest, RightsAreMaskedByFileTypeAndOnlyShrink) {
  fs::create_directory(root_ / "sandbox/d");
  uint32_t fd;
  // FD_WRITE on a directory is EISDIR (wasi-testsuite path_open_preopen); every other right is asked
  // for and the ones a directory cannot have are dropped.
  EXPECT_EQ(open("d", 2 /*directory*/, ~0ull, &fd), kIsDir);
  ASSERT_EQ(open("d", 2 /*directory*/, ~0ull & ~kRightsFdWrite, &fd), kSuccess);
  EXPECT_EQ(call("fd_fdstat_get", {fd, 800}), kSuccess);
  EXPECT_EQ(bytes_[800], 3);  // directory
  uint64_t base = at<uint64_t>(808);
  EXPECT_EQ(base & (kRightsFdRead | kRightsFdWrite | kRightsFdSeek | kRightsFdTell), 0u);
  EXPECT_NE(base & kRightsFdReaddir, 0u);
  EXPECT_EQ(call("fd_fdstat_set_rights", {fd, base | kRightsFdRead, 0}), 76u /*notcapable*/);
  EXPECT_EQ(call("fd_fdstat_set_rights", {fd, kRightsFdFilestatGet, 0}), kSuccess);
  EXPECT_EQ(call("fd_fdstat_get", {fd, 800}), kSuccess);
  EXPECT_EQ(at<uint64_t>(808), kRightsFdFilestatGet);
  EXPECT_EQ(call("fd_readdir", {fd, 4096, 256, 0, 100}), kBadf);
  EXPECT_EQ(call("fd_seek", {kPreopen, 0, 0, 208}), kBadf);
}

TEST_F(WasiTest, PathAndNameEdgeCases) {
  EXPECT_EQ(call("fd_prestat_dir_name", {kPreopen, 200, 7}), 37u /*nametoolong*/);
  EXPECT_EQ(call("fd_prestat_dir_name", {kPreopen, 65530, 8}), kFault);
  uint32_t len = putStr(1000, std::string("a\0b", 3));
  EXPECT_EQ(call("path_open", {kPreopen, 1, 1000, len, 1, ~0ull, ~0ull, 0, 900}), kInval);
  EXPECT_EQ(call("path_create_directory", {kPreopen, 65000, 1000}), kFault);
  EXPECT_FALSE(fs::exists(root_ / "sandbox/a"));
  EXPECT_EQ(call("path_create_directory", {1, 1000, 1}), kNotDir);  // stdout is not a directory
  EXPECT_EQ(call("path_create_directory", {99, 1000, 1}), kBadf);
}

TEST_F(WasiTest, NoMemoryMeansEfault) {
  rt::MemoryInst* saved = mem_;
  mem_ = nullptr;
  EXPECT_EQ(call("args_sizes_get", {0, 4}), kFault);
  EXPECT_EQ(call("fd_close", {kPreopen}), kSuccess);  // no pointers involved
  mem_ = saved;
}

TEST(WasiContextCreate, MissingPreopenIsAnError) {
  WasiOptions o;
  o.preopens.push_back({"/nonexistent/wasmc/dir", "/x"});
  auto c = WasiContext::create(std::move(o));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("/nonexistent/wasmc/dir"), std::string::npos);
}

}  // namespace
}  // namespace wasmc::wasi
