// driver/wast.cpp — `wasmc wast`: runs spec scripts (.wast via wast2json into a content-addressed cache,
// or wast2json's .json) against one rt::Store per script; prints failures, per-file counts and a total.
// Invariant: each command counts once as passed, failed, skipped (text modules) or known (listed failure);
// a listed assertion that passes fails the run, so the known-failure list can only shrink.
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <chrono>
#include <charconv>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "aot/aot.h"
#include "driver/commands.h"
#include "driver/json.h"
#include "driver/spectest.h"
#include "object/linker.h"
#include "runtime/aot/loader.h"
#include "runtime/core/runtime.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"
#include "runtime/jit/cpu.h"

extern char** environ;

namespace wasmc::driver {
namespace {

namespace fs = std::filesystem;
using rt::Value;
using wasm::ValType;

#ifdef WASMC_WAST2JSON
constexpr const char* kWast2Json = WASMC_WAST2JSON;
#else
constexpr const char* kWast2Json = "wast2json";
#endif

struct Options {
  rt::ExecMode mode = rt::ExecMode::Interp;
  std::string knownFailuresPath;
  bool verbose = false;
  bool help = false;
  bool explicitBounds = false;  // --bounds-checks=explicit (jit): compare accesses with the memory size
  bool avx = false;             // --cpu=native (jit): AVX forms when the host has AVX
  int optLevel = -1;            // -O0/-O1/-O2 (jit, aot); -1: the mode's product default (jit 1, aot 2)
  uint8_t effectiveOptLevel() const {
    return uint8_t(optLevel >= 0 ? optLevel : mode == rt::ExecMode::Aot ? 2 : 1);
  }
  std::vector<std::string> files;
  std::string aotStamp;  // --mode aot: identifies this wasmc build in cached objects' names
};

struct Counts {
  uint64_t passed = 0, failed = 0, skipped = 0, known = 0;
  void add(const Counts& o) {
    passed += o.passed;
    failed += o.failed;
    skipped += o.skipped;
    known += o.known;
  }
};

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(ss).str();
}

// ---- known failures ---------------------------------------------------------------------------------

// Lines "core/foo.wast:123 reason"; '#' starts a comment line. A path matches a script when the
// script's canonical path equals it or ends with "/" + path (paths are relative to the testsuite dir).
class KnownFailures {
 public:
  struct Entry {
    std::string path;
    uint64_t line = 0;
    std::string reason;
    unsigned listLine = 0;
    bool matchedCommand = false;
  };

  Status load(const std::string& listPath) {
    listPath_ = listPath;
    auto text = readFile(listPath);
    if (!text) return Error::plain("cannot read known-failures file '" + listPath + "'");
    std::istringstream in(*text);
    std::string line;
    unsigned n = 0;
    while (std::getline(in, line)) {
      ++n;
      size_t b = line.find_first_not_of(" \t\r");
      if (b == std::string::npos || line[b] == '#') continue;
      size_t e = line.find_first_of(" \t\r", b);
      std::string key = line.substr(b, e == std::string::npos ? std::string::npos : e - b);
      size_t colon = key.rfind(':');
      uint64_t lineNo = 0;
      if (colon == std::string::npos || colon == 0 ||
          std::from_chars(key.data() + colon + 1, key.data() + key.size(), lineNo).ptr != key.data() + key.size())
        return Error::plain(listPath + ":" + std::to_string(n) + ": expected 'path/file.wast:LINE reason'");
      std::string reason;
      if (e != std::string::npos) {
        size_t r = line.find_first_not_of(" \t", e);
        if (r != std::string::npos) reason = line.substr(r);
      }
      if (reason.empty()) return Error::plain(listPath + ":" + std::to_string(n) + ": entry has no reason");
      entries_.push_back(Entry{key.substr(0, colon), lineNo, reason, n, false});
    }
    return {};
  }

  static bool pathMatches(const std::string& canonical, const std::string& entryPath) {
    if (canonical == entryPath) return true;
    return canonical.size() > entryPath.size() &&
           canonical.compare(canonical.size() - entryPath.size(), entryPath.size(), entryPath) == 0 &&
           canonical[canonical.size() - entryPath.size() - 1] == '/';
  }

  Entry* find(const std::string& canonical, uint64_t line) {
    for (auto& e : entries_)
      if (e.line == line && pathMatches(canonical, e.path)) return &e;
    return nullptr;
  }

  // Entries for this script whose line names no command: stale, reported as failures.
  std::vector<const Entry*> unmatchedFor(const std::string& canonical) const {
    std::vector<const Entry*> out;
    for (const auto& e : entries_)
      if (!e.matchedCommand && pathMatches(canonical, e.path)) out.push_back(&e);
    return out;
  }

  const std::string& listPath() const { return listPath_; }

 private:
  std::string listPath_;
  std::vector<Entry> entries_;
};

// ---- wast2json conversion with a content-addressed cache ---------------------------------------------

uint64_t fnv1a(std::string_view data, uint64_t h = 0xcbf29ce484222325ull) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string cacheRoot() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/wasmc-wast";
  return "/tmp/wasmc-wast-cache";
}

// Returns the path of the converted script.json (its .wasm/.wat files sit next to it).
Expected<std::string> convertWast(const std::string& wastPath, const std::string& contents) {
  uint64_t h = fnv1a(contents);
  h = fnv1a(std::string_view("\0v1\0", 4), h);
  h = fnv1a(kWast2Json, h);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, h);
  std::string root = cacheRoot();
  std::string finalDir = root + "/" + hex;
  std::string json = finalDir + "/script.json";
  std::error_code ec;
  if (fs::exists(json, ec)) return json;

  fs::create_directories(root, ec);
  std::string tmpl = finalDir + ".tmp.XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) return Error::plain("cannot create cache directory under " + root + ": " + std::strerror(errno));
  std::string tmpDir(buf.data());
  std::string errFile = tmpDir + "/wast2json.stderr";
  std::string outJson = tmpDir + "/script.json";

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> args = {kWast2Json, wastPath, "-o", outJson};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, kWast2Json, &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  int status = 0;
  bool ok = false;
  std::string why;
  if (rc != 0) {
    why = std::string("cannot run ") + kWast2Json + ": " + std::strerror(rc);
  } else if (waitpid(pid, &status, 0) < 0) {
    why = std::string("waitpid: ") + std::strerror(errno);
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string err = readFile(errFile).value_or("");
    std::string first = err.substr(0, err.find('\n'));
    why = std::string(kWast2Json) + " failed" + (first.empty() ? "" : ": " + first);
  } else {
    ok = true;
  }
  if (!ok) {
    fs::remove_all(tmpDir, ec);
    return Error::plain(why);
  }
  fs::remove(errFile, ec);
  if (std::rename(tmpDir.c_str(), finalDir.c_str()) != 0) {
    // Another process converted the same contents first: use its result.
    fs::remove_all(tmpDir, ec);
    if (!fs::exists(json, ec)) return Error::plain("cannot publish cache directory " + finalDir);
  }
  return json;
}

// ---- values -----------------------------------------------------------------------------------------

std::optional<ValType> valTypeFromName(std::string_view s) {
  if (s == "i32") return ValType::I32;
  if (s == "i64") return ValType::I64;
  if (s == "f32") return ValType::F32;
  if (s == "f64") return ValType::F64;
  if (s == "v128") return ValType::V128;
  if (s == "funcref") return ValType::FuncRef;
  if (s == "externref") return ValType::ExternRef;
  return std::nullopt;
}

// Decimal bit pattern (wast2json writes unsigned; accept a leading '-' too) truncated to `bits`.
std::optional<uint64_t> parseBits(std::string_view s, unsigned bits) {
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  if (s[0] == '-') {
    int64_t sv = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), sv);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    v = uint64_t(sv);
  } else {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  }
  if (bits < 64) {
    uint64_t mask = (uint64_t(1) << bits) - 1;
    if (s[0] != '-' && v > mask) return std::nullopt;
    v &= mask;
  }
  return v;
}

struct LaneShape {
  unsigned bits = 0;
  unsigned count = 0;
  bool isFloat = false;
};

std::optional<LaneShape> laneShape(std::string_view laneType) {
  if (laneType == "i8") return LaneShape{8, 16, false};
  if (laneType == "i16") return LaneShape{16, 8, false};
  if (laneType == "i32") return LaneShape{32, 4, false};
  if (laneType == "i64") return LaneShape{64, 2, false};
  if (laneType == "f32") return LaneShape{32, 4, true};
  if (laneType == "f64") return LaneShape{64, 2, true};
  return std::nullopt;
}

uint64_t getLane(const wasm::V128& v, const LaneShape& s, unsigned i) {
  switch (s.bits) {
    case 8: return v.lane<uint8_t>(i);
    case 16: return v.lane<uint16_t>(i);
    case 32: return v.lane<uint32_t>(i);
    default: return v.lane<uint64_t>(i);
  }
}

void setLane(wasm::V128& v, const LaneShape& s, unsigned i, uint64_t x) {
  switch (s.bits) {
    case 8: v.setLane<uint8_t>(i, uint8_t(x)); break;
    case 16: v.setLane<uint16_t>(i, uint16_t(x)); break;
    case 32: v.setLane<uint32_t>(i, uint32_t(x)); break;
    default: v.setLane<uint64_t>(i, x); break;
  }
}

// An externref "N" in a script is the embedder word N+1, so `ref.extern 0` differs from null.
constexpr uint64_t externWord(uint64_t n) { return n + 1; }

// Converts an argument ({"type", "value"} or v128 {"type", "lane_type", "value": [...]}) to a Value.
Expected<Value> argValue(const Json& j) {
  const Json* t = j.find("type");
  const Json* v = j.find("value");
  if (!t || !t->isString()) return Error::plain("argument without type");
  auto type = valTypeFromName(t->text());
  if (!type) return Error::plain("unknown argument type '" + t->text() + "'");
  if (!v) return Error::plain("argument without value");
  switch (*type) {
    case ValType::I32:
    case ValType::F32: {
      auto b = v->isString() ? parseBits(v->text(), 32) : std::nullopt;
      if (!b) return Error::plain("bad " + t->text() + " argument");
      return *type == ValType::I32 ? Value::makeI32(uint32_t(*b)) : Value::makeF32Bits(uint32_t(*b));
    }
    case ValType::I64:
    case ValType::F64: {
      auto b = v->isString() ? parseBits(v->text(), 64) : std::nullopt;
      if (!b) return Error::plain("bad " + t->text() + " argument");
      return *type == ValType::I64 ? Value::makeI64(*b) : Value::makeF64Bits(*b);
    }
    case ValType::V128: {
      const Json* lt = j.find("lane_type");
      auto shape = lt && lt->isString() ? laneShape(lt->text()) : std::nullopt;
      if (!shape || !v->isArray() || v->size() != shape->count) return Error::plain("bad v128 argument");
      wasm::V128 r{};
      for (unsigned i = 0; i < shape->count; ++i) {
        auto b = (*v)[i].isString() ? parseBits((*v)[i].text(), shape->bits) : std::nullopt;
        if (!b) return Error::plain("bad v128 lane");
        setLane(r, *shape, i, *b);
      }
      return Value::makeV128(r);
    }
    case ValType::FuncRef:
    case ValType::ExternRef: {
      if (!v->isString()) return Error::plain("bad reference argument");
      if (v->text() == "null") return Value::makeRef(*type, 0);
      if (*type == ValType::FuncRef) return Error::plain("non-null funcref arguments are not supported");
      auto n = parseBits(v->text(), 64);
      if (!n) return Error::plain("bad externref argument");
      return Value::makeRef(*type, externWord(*n));
    }
  }
  return Error::plain("unknown argument type");
}

std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%" PRIx64, v);
  return b;
}

std::string floatText(uint64_t bits, bool isF32) {
  char b[64];
  double d = isF32 ? double(std::bit_cast<float>(uint32_t(bits))) : std::bit_cast<double>(bits);
  if (std::isnan(d)) std::snprintf(b, sizeof b, "%snan", std::signbit(d) ? "-" : "");
  else std::snprintf(b, sizeof b, isF32 ? "%.9g" : "%.17g", d);
  return std::string(b) + " (" + hex(bits) + ")";
}

// Human-readable value; v128 lanes are shown in `laneType` ("i32" when unknown).
std::string describe(const Value& v, std::string_view laneType = "i32") {
  switch (v.type) {
    case ValType::I32: return "i32:" + std::to_string(int32_t(v.i32));
    case ValType::I64: return "i64:" + std::to_string(int64_t(v.i64));
    case ValType::F32: return "f32:" + floatText(v.f32, true);
    case ValType::F64: return "f64:" + floatText(v.f64, false);
    case ValType::V128: {
      auto shape = laneShape(laneType).value_or(LaneShape{32, 4, false});
      std::string s = "v128:" + std::string(laneType) + "x" + std::to_string(shape.count);
      for (unsigned i = 0; i < shape.count; ++i) {
        uint64_t x = getLane(v.v128, shape, i);
        s += " ";
        s += shape.isFloat ? floatText(x, shape.bits == 32) : std::to_string(x);
      }
      return s;
    }
    case ValType::FuncRef: return v.ref ? "funcref:non-null" : "funcref:null";
    case ValType::ExternRef:
      return v.ref ? "externref:" + std::to_string(v.ref - 1) : std::string("externref:null");
  }
  return "?";
}

std::string describeAll(const std::vector<Value>& vs, const Json* expected) {
  std::string s = "(";
  for (size_t i = 0; i < vs.size(); ++i) {
    if (i) s += ", ";
    std::string lane = "i32";
    if (expected && expected->isArray() && i < expected->size())
      if (const Json* lt = (*expected)[i].find("lane_type"); lt && lt->isString()) lane = lt->text();
    s += describe(vs[i], lane);
  }
  return s + ")";
}

// A scalar or lane pattern as text: floats as value and bits, NaN patterns and integers as written.
std::string describePattern(const std::string& pat, std::string_view type) {
  bool f32 = type == "f32", f64 = type == "f64";
  if (!f32 && !f64) return pat;
  auto bits = parseBits(pat, f32 ? 32 : 64);
  return bits ? floatText(*bits, f32) : pat;
}

std::string describeExpected(const Json& e) {
  const Json* t = e.find("type");
  const Json* v = e.find("value");
  std::string s = t && t->isString() ? t->text() : "?";
  if (!v) return s;
  if (v->isArray()) {
    const Json* lt = e.find("lane_type");
    std::string lane = lt ? lt->text() : std::string("?");
    s += ":" + lane + "x" + std::to_string(v->size());
    for (const auto& x : v->items()) s += " " + describePattern(x.text(), lane);
    return s;
  }
  if (s == "funcref" && v->text() != "null") return s + ":non-null";
  return s + ":" + describePattern(v->text(), s);
}

std::string describeExpectedAll(const Json& expected) {
  std::string s = "(";
  for (size_t i = 0; i < expected.size(); ++i) {
    if (i) s += ", ";
    s += describeExpected(expected[i]);
  }
  return s + ")";
}

bool floatMatches(std::string_view pattern, uint64_t bits, bool isF32) {
  uint64_t quietExp = isF32 ? 0x7fc00000ull : 0x7ff8000000000000ull;
  uint64_t absMask = isF32 ? 0x7fffffffull : 0x7fffffffffffffffull;
  if (pattern == "nan:canonical") return (bits & absMask) == quietExp;
  if (pattern == "nan:arithmetic") return (bits & quietExp) == quietExp;
  auto want = parseBits(pattern, isF32 ? 32 : 64);
  return want && *want == bits;
}

// Does `actual` match the expected-result pattern `e`? Sets `err` for a malformed pattern.
bool matches(const Json& e, const Value& actual, std::string& err) {
  const Json* t = e.find("type");
  const Json* v = e.find("value");
  auto type = t && t->isString() ? valTypeFromName(t->text()) : std::nullopt;
  if (!type || !v) {
    err = "malformed expected value";
    return false;
  }
  if (actual.type != *type) return false;
  switch (*type) {
    case ValType::I32: return v->isString() && parseBits(v->text(), 32) == uint64_t(actual.i32);
    case ValType::I64: return v->isString() && parseBits(v->text(), 64) == actual.i64;
    case ValType::F32: return v->isString() && floatMatches(v->text(), actual.f32, true);
    case ValType::F64: return v->isString() && floatMatches(v->text(), actual.f64, false);
    case ValType::V128: {
      const Json* lt = e.find("lane_type");
      auto shape = lt && lt->isString() ? laneShape(lt->text()) : std::nullopt;
      if (!shape || !v->isArray() || v->size() != shape->count) {
        err = "malformed expected v128";
        return false;
      }
      for (unsigned i = 0; i < shape->count; ++i) {
        uint64_t lane = getLane(actual.v128, *shape, i);
        const std::string& pat = (*v)[i].text();
        bool ok = shape->isFloat ? floatMatches(pat, lane, shape->bits == 32) : parseBits(pat, shape->bits) == lane;
        if (!ok) return false;
      }
      return true;
    }
    case ValType::FuncRef:
      // wast2json writes `(ref.func)` ("any non-null funcref") as a number.
      if (v->text() == "null") return actual.ref == 0;
      return actual.ref != 0;
    case ValType::ExternRef: {
      if (v->text() == "null") return actual.ref == 0;
      auto n = parseBits(v->text(), 64);
      return n && actual.ref == externWord(*n);
    }
  }
  return false;
}

// Trap texts: the spec harness accepts an actual message that starts with the expected text. Our
// messages are the canonical ones without detail, so an expected text that extends the canonical
// message with detail ("uninitialized element 2") also matches.
bool trapMatches(const rt::Trap& trap, std::string_view expected) {
  if (startsWith(trap.message, expected)) return true;
  std::string_view canon = trapMessage(trap.code);
  return trap.code != TrapCode::HostError && trap.code != TrapCode::Exit && startsWith(expected, canon) &&
         expected.size() > canon.size() && expected[canon.size()] == ' ';
}

// ---- the script runner ------------------------------------------------------------------------------

struct Outcome {
  enum class Kind : uint8_t { Pass, Fail, Skip };
  Kind kind = Kind::Pass;
  std::string detail;  // Fail: "expected X, got Y"
  std::string note;    // Pass: a difference worth showing with -v (e.g. another error text)
  static Outcome pass(std::string note = {}) { return Outcome{Kind::Pass, {}, std::move(note)}; }
  static Outcome fail(std::string detail) { return Outcome{Kind::Fail, std::move(detail), {}}; }
  static Outcome skip(std::string why) { return Outcome{Kind::Skip, {}, std::move(why)}; }
};

struct ActionResult {
  std::optional<std::string> error;  // the action could not be performed (unknown module/export, bad args)
  std::optional<rt::Trap> trap;
  std::vector<Value> results;
};

class ScriptRunner {
 public:
  ScriptRunner(const Options& opts, std::string displayName, std::string canonical, std::string dir,
               KnownFailures* known)
      : opts_(opts),
        display_(std::move(displayName)),
        canonical_(std::move(canonical)),
        dir_(std::move(dir)),
        known_(known),
        store_(engineOptions(opts, aotLib_)) {}

  static rt::EngineOptions engineOptions(const Options& opts, const std::shared_ptr<rt::aot::AotLibrary>& lib) {
    rt::EngineOptions e;
    e.mode = opts.mode;
    e.verbose = opts.verbose;  // -v: JIT counts
    e.explicitBoundsChecks = opts.explicitBounds;
    e.avx = opts.avx;
    e.optLevel = opts.effectiveOptLevel();
    if (opts.mode == rt::ExecMode::Aot) {
      e.jitCompile = rt::JitCompile::Eager;  // every slot points at the object's code from instantiation on
      rt::aot::AotLibrary::install(e, lib);
    }
    return e;
  }

  // --mode aot: FILENAME.wasm → FILENAME.<stamp>.o (wasmc compile) → .so (ld.lld -shared) in the cache
  // directory next to the script's .wasm files (for a .json given directly, which may sit in a read-only
  // place: a cache directory named after its directory), then dlopen. A cached .so of the same wasmc build
  // is reused.
  Expected<std::shared_ptr<rt::aot::AotModule>> loadAot(const std::string& filename, const std::string& bytes) {
#if !WASMC_ENABLE_AOT  // no compiler/aot in this build (driver/main.cpp answers --mode aot)
    return Error::plain("wasmc wast --mode aot is not available in this build");
#else
    std::error_code ec;
    std::string dir = dir_;
    if (dir.rfind(cacheRoot() + "/", 0) != 0) {
      char hex[17];
      std::snprintf(hex, sizeof hex, "%016" PRIx64, fnv1a(fs::absolute(dir_, ec).string()));
      dir = cacheRoot() + "/aot-" + hex;
      fs::create_directories(dir, ec);
    }
    // The code generation options are part of the name: a cached object is reused only for the same ones.
    std::string base = dir + "/" + filename + "." + opts_.aotStamp + (opts_.avx ? ".avx" : "") +
                       (opts_.explicitBounds ? ".explicit" : "") +
                       ".O" + std::to_string(opts_.effectiveOptLevel());
    std::string so = base + ".so";
    if (!fs::exists(so, ec)) {
      std::string obj = base + ".o";
      aot::AotOptions ao;
      ao.bounds = opts_.explicitBounds ? codegen::BoundsChecks::Explicit : codegen::BoundsChecks::Guard;
      ao.avx = opts_.avx;
      ao.optLevel = opts_.effectiveOptLevel();
      aot::AotStats stats;
      auto span = std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      if (Status st = aot::compileToObject(span, obj, ao, &stats); !st) return st.takeError();
      if (opts_.verbose && stats.declined)
        std::printf("%s: aot: %u functions declined (first: %s)\n", filename.c_str(), stats.declined,
                    stats.firstDecline.c_str());
      object::LinkOptions lo;
      lo.output = object::LinkOutput::SharedObject;
      lo.inputs = {obj};
      lo.outputPath = so + ".tmp." + std::to_string(getpid());
      if (Status st = object::link(lo); !st) {
        fs::remove(lo.outputPath, ec);
        return st.takeError();
      }
      if (std::rename(lo.outputPath.c_str(), so.c_str()) != 0)
        return Error::plain("cannot rename " + lo.outputPath + ": " + std::strerror(errno));
      // Objects of other wasmc builds for this module are stale: keep the cache from growing per rebuild.
      // Objects of this build with other code generation options may be in use by a concurrent run, and
      // so may another build's recent ones (a second build running the suite at the same time, between
      // writing its object and loading it): only objects untouched for 10 minutes go.
      std::string prefix = filename + ".";
      std::string current = prefix + opts_.aotStamp + ".";
      const auto cutoff = fs::file_time_type::clock::now() - std::chrono::minutes(10);
      for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
        std::string n = e.path().filename().string();
        bool stale = n.starts_with(prefix) && !n.starts_with(current) && (n.ends_with(".so") || n.ends_with(".o"));
        std::error_code tec;
        if (stale && e.last_write_time(tec) < cutoff && !tec) fs::remove(e.path(), ec);
      }
    }
    return rt::aot::AotModule::load(so);
#endif
  }

  Counts run(const Json& script) {
    if (auto st = defineSpectest(store_, linker_); !st) {
      report(0, "spectest", Outcome::fail("the spectest module, got " + st.error().message));
    }
    const Json* commands = script.find("commands");
    if (!commands || !commands->isArray()) {
      report(0, "script", Outcome::fail("a \"commands\" array, got none"));
      return counts_;
    }
    for (const Json& c : commands->items()) runCommand(c);
    if (known_)
      for (const auto* e : known_->unmatchedFor(canonical_)) {
        std::printf("%s:%u: stale entry %s:%" PRIu64 ": no command at that line in %s\n",
                    known_->listPath().c_str(), e->listLine, e->path.c_str(), e->line, display_.c_str());
        ++counts_.failed;
      }
    return counts_;
  }

 private:
  const Options& opts_;
  std::string display_, canonical_, dir_;
  KnownFailures* known_;
  std::shared_ptr<rt::aot::AotLibrary> aotLib_ = std::make_shared<rt::aot::AotLibrary>();  // --mode aot
  rt::Store store_;
  rt::Linker linker_;
  rt::Instance* current_ = nullptr;
  std::map<std::string, rt::Instance*> named_;
  Counts counts_;

  void report(uint64_t line, const std::string& what, const Outcome& o) {
    KnownFailures::Entry* k = known_ && line ? known_->find(canonical_, line) : nullptr;
    if (k) k->matchedCommand = true;
    switch (o.kind) {
      case Outcome::Kind::Skip:
        ++counts_.skipped;
        if (opts_.verbose)
          std::printf("%s:%" PRIu64 ": %s: skipped (%s)\n", display_.c_str(), line, what.c_str(), o.note.c_str());
        return;
      case Outcome::Kind::Pass:
        if (k) {
          ++counts_.failed;
          std::printf("%s:%" PRIu64 ": %s: now passes: remove it from the list (%s)\n", display_.c_str(), line,
                      what.c_str(), known_->listPath().c_str());
          return;
        }
        ++counts_.passed;
        if (opts_.verbose && !o.note.empty())
          std::printf("%s:%" PRIu64 ": note: %s: %s\n", display_.c_str(), line, what.c_str(), o.note.c_str());
        return;
      case Outcome::Kind::Fail:
        if (k) {
          ++counts_.known;
          if (opts_.verbose)
            std::printf("%s:%" PRIu64 ": %s: known failure (%s): expected %s\n", display_.c_str(), line, what.c_str(),
                        k->reason.c_str(), o.detail.c_str());
          return;
        }
        ++counts_.failed;
        std::printf("%s:%" PRIu64 ": %s: expected %s\n", display_.c_str(), line, what.c_str(), o.detail.c_str());
        return;
    }
  }

  static std::string str(const Json& c, std::string_view key) {
    const Json* v = c.find(key);
    return v && v->isString() ? v->text() : std::string();
  }

  static bool isTextModule(const Json& c) {
    std::string f = str(c, "filename");
    return str(c, "module_type") == "text" || (f.size() > 4 && f.compare(f.size() - 4, 4, ".wat") == 0);
  }

  enum class Stage : uint8_t { Read, Decode, Validate };
  struct Loaded {
    std::shared_ptr<const wasm::ValidatedModule> module;
    Stage failedAt = Stage::Read;
    std::string error;
  };

  Loaded load(const std::string& filename) {
    Loaded r;
    auto bytes = readFile(dir_ + "/" + filename);
    if (!bytes) {
      r.error = "cannot read " + filename;
      return r;
    }
    auto decoded = wasm::decode(std::vector<uint8_t>(bytes->begin(), bytes->end()));
    if (!decoded) {
      r.failedAt = Stage::Decode;
      r.error = decoded.error().format();
      return r;
    }
    auto validated = wasm::validate(std::shared_ptr<const wasm::Module>(std::move(*decoded)));
    if (!validated) {
      r.failedAt = Stage::Validate;
      r.error = validated.error().format();
      return r;
    }
    r.module = std::make_shared<const wasm::ValidatedModule>(std::move(*validated));
    if (opts_.mode == rt::ExecMode::Aot) {
      auto loaded = loadAot(filename, *bytes);
      if (!loaded) {
        r.module.reset();
        r.error = "aot: " + loaded.error().format();
        return r;
      }
      aotLib_->add(*loaded);
      r.module = (*loaded)->validated();
    }
    return r;
  }

  static std::string stageName(Stage s) {
    switch (s) {
      case Stage::Read: return "harness error";
      case Stage::Decode: return "decode error";
      case Stage::Validate: return "validation error";
    }
    return "error";
  }

  void runCommand(const Json& c) {
    std::string type = str(c, "type");
    uint64_t line = 0;
    if (const Json* l = c.find("line")) line = l->asUint().value_or(0);
    if (type == "module") return report(line, "module", doModule(c));
    if (type == "register") return doRegister(c, line);
    if (type == "action") return report(line, actionName("action", c), doAction(c));
    if (type == "assert_return") return report(line, actionName(type, c), doAssertReturn(c));
    if (type == "assert_trap" || type == "assert_exhaustion")
      return report(line, actionName(type, c), doAssertTrap(c, type == "assert_exhaustion"));
    if (type == "assert_invalid" || type == "assert_malformed")
      return report(line, type, doAssertRejected(c, type == "assert_malformed"));
    if (type == "assert_unlinkable") return report(line, type, doAssertUnlinkable(c));
    if (type == "assert_uninstantiable") return report(line, type, doAssertUninstantiable(c));
    report(line, type.empty() ? std::string("command") : type,
           Outcome::fail("a known command, got unsupported command type '" + type + "'"));
  }

  static std::string actionName(const std::string& type, const Json& c) {
    const Json* a = c.find("action");
    if (!a) return type;
    std::string s = type + " " + str(*a, "type") + " ";
    if (std::string m = str(*a, "module"); !m.empty()) s += m + " ";
    return s + "\"" + str(*a, "field") + "\"";
  }

  Outcome doModule(const Json& c) {
    current_ = nullptr;
    if (isTextModule(c)) return Outcome::skip("text-format module");
    Loaded m = load(str(c, "filename"));
    if (!m.module) return Outcome::fail("the module to load, got " + stageName(m.failedAt) + ": " + m.error);
    rt::InstantiateResult r = store_.instantiate(m.module, linker_);
    if (r.linkError) return Outcome::fail("the module to link, got link error: " + r.linkError->format());
    if (!r.instance) return Outcome::fail("an instance, got none");
    if (r.trap) return Outcome::fail("the module to instantiate, got trap: " + r.trap->message);
    current_ = r.instance;
    if (std::string name = str(c, "name"); !name.empty()) named_[name] = r.instance;
    return Outcome::pass();
  }

  void doRegister(const Json& c, uint64_t line) {
    std::string name = str(c, "name");
    rt::Instance* inst = current_;
    if (!name.empty()) {
      auto it = named_.find(name);
      inst = it == named_.end() ? nullptr : it->second;
    }
    if (!inst) {
      report(line, "register \"" + str(c, "as") + "\"",
             Outcome::fail("a module to register, got " + (name.empty() ? "no current module" : "unknown module " + name)));
      return;
    }
    linker_.defineInstance(str(c, "as"), *inst);
  }

  ActionResult perform(const Json& c) {
    ActionResult r;
    const Json* a = c.find("action");
    if (!a || !a->isObject()) {
      r.error = "command without action";
      return r;
    }
    rt::Instance* inst = current_;
    if (std::string m = str(*a, "module"); !m.empty()) {
      auto it = named_.find(m);
      if (it == named_.end()) {
        r.error = "unknown module " + m;
        return r;
      }
      inst = it->second;
    }
    if (!inst) {
      r.error = "no current module";
      return r;
    }
    std::string field = str(*a, "field");
    std::string kind = str(*a, "type");
    if (kind == "get") {
      auto ext = inst->getExport(field);
      rt::GlobalInst* g = ext ? ext->global() : nullptr;
      if (!g) {
        r.error = "no exported global \"" + field + "\"";
        return r;
      }
      r.results.push_back(g->get());
      return r;
    }
    if (kind != "invoke") {
      r.error = "unsupported action type '" + kind + "'";
      return r;
    }
    rt::FuncInst* f = inst->exportedFunc(field);
    if (!f) {
      r.error = "no exported function \"" + field + "\"";
      return r;
    }
    std::vector<Value> args;
    if (const Json* js = a->find("args"); js && js->isArray()) {
      for (const Json& j : js->items()) {
        auto v = argValue(j);
        if (!v) {
          r.error = v.error().message;
          return r;
        }
        args.push_back(*v);
      }
    }
    const wasm::FuncType& ft = *f->type;
    bool typesOk = args.size() == ft.params.size();
    for (size_t i = 0; typesOk && i < args.size(); ++i) typesOk = args[i].type == ft.params[i];
    if (!typesOk) {
      r.error = "arguments do not match " + wasm::funcTypeToString(ft);
      return r;
    }
    r.trap = store_.invoke(f, args, r.results);
    return r;
  }

  Outcome doAction(const Json& c) {
    ActionResult r = perform(c);
    if (r.error) return Outcome::fail("the action to run, got " + *r.error);
    if (r.trap) return Outcome::fail("no trap, got trap: " + r.trap->message);
    return Outcome::pass();
  }

  Outcome doAssertReturn(const Json& c) {
    const Json* expected = c.find("expected");
    if (!expected || !expected->isArray()) return Outcome::fail("an \"expected\" list, got none");
    std::string want = describeExpectedAll(*expected);
    ActionResult r = perform(c);
    if (r.error) return Outcome::fail(want + ", got " + *r.error);
    if (r.trap) return Outcome::fail(want + ", got trap: " + r.trap->message);
    bool ok = r.results.size() == expected->size();
    for (size_t i = 0; ok && i < r.results.size(); ++i) {
      std::string err;
      ok = matches((*expected)[i], r.results[i], err);
      if (!err.empty()) return Outcome::fail(want + ", got " + err);
    }
    if (ok) return Outcome::pass();
    return Outcome::fail(want + ", got " + describeAll(r.results, expected));
  }

  Outcome doAssertTrap(const Json& c, bool exhaustion) {
    std::string text = str(c, "text");
    ActionResult r = perform(c);
    std::string want = "trap \"" + text + "\"";
    if (r.error) return Outcome::fail(want + ", got " + *r.error);
    if (!r.trap) return Outcome::fail(want + ", got return " + describeAll(r.results, nullptr));
    if (exhaustion && r.trap->code != TrapCode::CallStackExhausted && !startsWith(r.trap->message, text))
      return Outcome::fail(want + ", got trap \"" + r.trap->message + "\"");
    if (!exhaustion && !trapMatches(*r.trap, text))
      return Outcome::fail(want + ", got trap \"" + r.trap->message + "\"");
    return Outcome::pass();
  }

  // assert_invalid / assert_malformed: any rejection passes; a rejection at the other stage or with
  // another text is a note for -v.
  Outcome doAssertRejected(const Json& c, bool malformed) {
    if (isTextModule(c)) return Outcome::skip("text-format module");
    std::string text = str(c, "text");
    Loaded m = load(str(c, "filename"));
    if (m.module) return Outcome::fail("rejection \"" + text + "\", got a valid module");
    if (m.failedAt == Stage::Read) return Outcome::fail("rejection \"" + text + "\", got " + m.error);
    Stage want = malformed ? Stage::Decode : Stage::Validate;
    std::string note;
    if (m.failedAt != want)
      note = "expected " + stageName(want) + " \"" + text + "\", got " + stageName(m.failedAt) + ": " + m.error;
    else if (m.error.find(text) == std::string::npos)
      note = "expected \"" + text + "\", got \"" + m.error + "\"";
    return Outcome::pass(note);
  }

  Outcome doAssertUnlinkable(const Json& c) {
    if (isTextModule(c)) return Outcome::skip("text-format module");
    std::string text = str(c, "text");
    Loaded m = load(str(c, "filename"));
    if (!m.module) return Outcome::fail("link error \"" + text + "\", got " + stageName(m.failedAt) + ": " + m.error);
    rt::InstantiateResult r = store_.instantiate(m.module, linker_);
    if (r.linkError) {
      std::string msg = r.linkError->format();
      return Outcome::pass(msg.find(text) == std::string::npos ? "expected \"" + text + "\", got \"" + msg + "\""
                                                                 : std::string());
    }
    if (r.trap) return Outcome::fail("link error \"" + text + "\", got trap: " + r.trap->message);
    return Outcome::fail("link error \"" + text + "\", got a linked instance");
  }

  Outcome doAssertUninstantiable(const Json& c) {
    if (isTextModule(c)) return Outcome::skip("text-format module");
    std::string text = str(c, "text");
    std::string want = "instantiation trap \"" + text + "\"";
    Loaded m = load(str(c, "filename"));
    if (!m.module) return Outcome::fail(want + ", got " + stageName(m.failedAt) + ": " + m.error);
    rt::InstantiateResult r = store_.instantiate(m.module, linker_);
    if (r.linkError) return Outcome::fail(want + ", got link error: " + r.linkError->format());
    if (!r.trap) return Outcome::fail(want + ", got an instance");
    if (!trapMatches(*r.trap, text)) return Outcome::fail(want + ", got trap \"" + r.trap->message + "\"");
    return Outcome::pass();
  }
};

// ---- command line -----------------------------------------------------------------------------------

void usage(std::FILE* out) {
  std::fprintf(out,
               "usage: wasmc wast [--mode interp|jit|aot] [--known-failures FILE] [-v]\n"
               "                  [--bounds-checks=guard|explicit] [--cpu=baseline|native] [-O0|-O1|-O2]\n"
               "                  FILE.wast|FILE.json...\n"
               "-O: IR optimisation level of compiled code (default: jit -O1, aot -O2, as `wasmc run`/`build`).\n"
               "Runs WebAssembly spec-test scripts (.wast converted with wast2json, or wast2json's .json\n"
               "output) and prints one line per failure, per-file counts and a total.\n");
}

std::optional<Options> parseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string> {
      if (startsWith(a, std::string(flag) + "=")) return std::string(a.substr(flag.size() + 1));
      if (a == flag && i + 1 < argc) return std::string(argv[++i]);
      return std::nullopt;
    };
    if (a == "-h" || a == "--help") {
      o.help = true;
      return o;
    } else if (a == "-v" || a == "--verbose") {
      o.verbose = true;
    } else if (a == "--bounds-checks=explicit" || a == "--bounds-checks=guard") {
      o.explicitBounds = a == "--bounds-checks=explicit";
    } else if (a == "--cpu=native" || a == "--cpu=baseline") {
      o.avx = a == "--cpu=native" && rt::jit::hostHasAvx();
    } else if (a == "-O0" || a == "-O1" || a == "-O2") {
      o.optLevel = a[2] - '0';
    } else if (startsWith(a, "--mode")) {
      auto m = value("--mode");
      if (m == "interp") o.mode = rt::ExecMode::Interp;
      else if (m == "jit") o.mode = rt::ExecMode::Jit;
      else if (m == "aot") o.mode = rt::ExecMode::Aot;
      else {
        std::fprintf(stderr, "wasmc wast: error: --mode takes interp, jit or aot\n");
        return std::nullopt;
      }
    } else if (startsWith(a, "--known-failures")) {
      auto f = value("--known-failures");
      if (!f) {
        std::fprintf(stderr, "wasmc wast: error: --known-failures needs a file\n");
        return std::nullopt;
      }
      o.knownFailuresPath = *f;
    } else if (startsWith(a, "-") && a != "-") {
      std::fprintf(stderr, "wasmc wast: error: unknown option '%s'\n", argv[i]);
      usage(stderr);
      return std::nullopt;
    } else {
      o.files.emplace_back(a);
    }
  }
  if (o.files.empty()) {
    std::fprintf(stderr, "wasmc wast: error: no .wast files given\n");
    usage(stderr);
    return std::nullopt;
  }
  return o;
}

void printCounts(const char* prefix, const Counts& c) {
  std::printf("%s%" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped", prefix, c.passed, c.failed,
              c.skipped);
  if (c.known) std::printf(", %" PRIu64 " known failures", c.known);
  std::printf("\n");
}

}  // namespace

int wastCommand(int argc, char** argv) {
  auto opts = parseArgs(argc, argv);
  if (!opts) return 1;
  if (opts->help) {
    usage(stdout);
    return 0;
  }
  std::unique_ptr<KnownFailures> known;
  if (!opts->knownFailuresPath.empty()) {
    known = std::make_unique<KnownFailures>();
    if (auto st = known->load(opts->knownFailuresPath); !st) {
      std::fprintf(stderr, "wasmc wast: error: %s\n", st.error().message.c_str());
      return 1;
    }
  }
  if (opts->mode == rt::ExecMode::Aot) {
    struct stat st {};
    if (stat("/proc/self/exe", &st) == 0)
      opts->aotStamp = [&] {
        char b[17];
        uint64_t h = fnv1a(std::string_view(reinterpret_cast<const char*>(&st.st_size), sizeof st.st_size));
        h = fnv1a(std::string_view(reinterpret_cast<const char*>(&st.st_mtim), sizeof st.st_mtim), h);
        std::snprintf(b, sizeof b, "%016" PRIx64, h);
        return std::string(b);
      }();
    else
      opts->aotStamp = "nostamp";
  }
  Counts total;
  bool harnessError = false;
  for (const std::string& file : opts->files) {
    std::fflush(stdout);
    auto contents = readFile(file);
    if (!contents) {
      std::fprintf(stderr, "wasmc wast: error: cannot read '%s'\n", file.c_str());
      harnessError = true;
      continue;
    }
    bool isJson = file.size() > 5 && file.compare(file.size() - 5, 5, ".json") == 0;
    auto jsonPath = isJson ? Expected<std::string>(file) : convertWast(file, *contents);
    if (!jsonPath) {
      std::fprintf(stderr, "wasmc wast: error: %s: %s\n", file.c_str(), jsonPath.error().message.c_str());
      harnessError = true;
      continue;
    }
    auto jsonText = isJson ? std::optional<std::string>(std::move(*contents)) : readFile(*jsonPath);
    auto script = jsonText ? parseJson(*jsonText) : Expected<Json>(Error::plain("cannot read " + *jsonPath));
    if (!script) {
      std::fprintf(stderr, "wasmc wast: error: %s: %s\n", jsonPath->c_str(), script.error().format().c_str());
      harnessError = true;
      continue;
    }
    std::error_code ec;
    std::string canonical = fs::weakly_canonical(fs::path(file), ec).string();
    if (ec) canonical = file;
    std::string dir = fs::path(*jsonPath).parent_path().string();
    if (dir.empty()) dir = ".";
    Counts c = ScriptRunner(*opts, file, canonical, dir, known.get()).run(*script);
    printCounts((file + ": ").c_str(), c);
    total.add(c);
  }
  if (opts->files.size() > 1) {
    std::printf("%" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", total.passed, total.failed,
                total.skipped);
    if (total.known) std::printf("%" PRIu64 " known failures\n", total.known);
  }
  std::fflush(stdout);
  return harnessError || total.failed ? 1 : 0;
}

}  // namespace wasmc::driver
