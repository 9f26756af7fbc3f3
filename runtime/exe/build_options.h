// runtime/exe/build_options.h — the build-time options `wasmc build` embeds in an executable (data symbol
// `wasmc_build_options`, next to the AOT descriptor `wasmc_module`) and the executable's main reads back:
// module name, preopens, environment, --inherit-env, --invoke. One encoder and one decoder, here only.
// Layout: magic "WBOP", u32 version, then records {u8 tag, NUL-terminated strings...}, ending in tag 0.
#pragma once
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace wasmc::exe {

constexpr const char* kBuildOptionsSymbol = "wasmc_build_options";
constexpr uint32_t kBuildOptionsMagic = 0x504f4257;  // "WBOP" little-endian
constexpr uint32_t kBuildOptionsVersion = 1;

struct BuildOptions {
  std::string moduleName;  // the .wasm path given to `wasmc build` (error messages)
  struct Dir {
    std::string host;  // absolute at build time
    std::string guest;
  };
  std::vector<Dir> dirs;
  std::vector<std::string> env;  // "K=V", applied after the inherited environment
  bool inheritEnv = false;
  bool invoke = false;
  std::string invokeName;
};

enum : uint8_t { kTagEnd = 0, kTagName = 'n', kTagDir = 'd', kTagEnv = 'e', kTagInherit = 'i', kTagInvoke = 'v' };

inline std::vector<uint8_t> encodeBuildOptions(const BuildOptions& o) {
  std::vector<uint8_t> out;
  auto u32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
  };
  auto str = [&](const std::string& s) {
    out.insert(out.end(), s.begin(), s.end());
    out.push_back(0);
  };
  u32(kBuildOptionsMagic);
  u32(kBuildOptionsVersion);
  out.push_back(kTagName);
  str(o.moduleName);
  for (const auto& d : o.dirs) {
    out.push_back(kTagDir);
    str(d.host);
    str(d.guest);
  }
  for (const auto& e : o.env) {
    out.push_back(kTagEnv);
    str(e);
  }
  if (o.inheritEnv) out.push_back(kTagInherit);
  if (o.invoke) {
    out.push_back(kTagInvoke);
    str(o.invokeName);
  }
  out.push_back(kTagEnd);
  return out;
}

// nullopt: not a blob of this version (the executable then refuses to run).
inline std::optional<BuildOptions> decodeBuildOptions(const uint8_t* p) {
  uint32_t magic, version;
  std::memcpy(&magic, p, 4);
  std::memcpy(&version, p + 4, 4);
  if (magic != kBuildOptionsMagic || version != kBuildOptionsVersion) return std::nullopt;
  p += 8;
  auto str = [&]() {
    std::string s(reinterpret_cast<const char*>(p));
    p += s.size() + 1;
    return s;
  };
  BuildOptions o;
  for (;;) {
    uint8_t tag = *p++;
    switch (tag) {
      case kTagEnd: return o;
      case kTagName: o.moduleName = str(); break;
      case kTagDir: {
        BuildOptions::Dir d;
        d.host = str();
        d.guest = str();
        o.dirs.push_back(std::move(d));
        break;
      }
      case kTagEnv: o.env.push_back(str()); break;
      case kTagInherit: o.inheritEnv = true; break;
      case kTagInvoke:
        o.invoke = true;
        o.invokeName = str();
        break;
      default: return std::nullopt;
    }
  }
}

}  // namespace wasmc::exe
