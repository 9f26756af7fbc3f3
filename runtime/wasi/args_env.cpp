// runtime/wasi/args_env.cpp — args_* and environ_*: the argv and environment strings given in
// WasiOptions, laid out as the guest asks (a pointer array plus NUL-terminated strings in one buffer).
#include "runtime/wasi/wasi_internal.h"

namespace wasmc::wasi {

namespace {

Errno sizes(Call& c, const std::vector<std::string>& v) {
  uint64_t bytes = 0;
  for (const auto& s : v) bytes += s.size() + 1;
  if (!c.store<uint32_t>(c.u32(0), uint32_t(v.size())) || !c.store<uint32_t>(c.u32(1), uint32_t(bytes)))
    return Errno::Fault;
  return Errno::Success;
}

Errno get(Call& c, const std::vector<std::string>& v) {
  uint32_t ptrs = c.u32(0), buf = c.u32(1);
  uint64_t bytes = 0;
  for (const auto& s : v) bytes += s.size() + 1;
  uint8_t* out = c.ptr(buf, bytes);
  if (!out || !c.ptr(ptrs, uint64_t(v.size()) * 4)) return Errno::Fault;
  uint32_t off = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    c.store<uint32_t>(ptrs + uint32_t(i) * 4, buf + off);
    std::memcpy(out + off, v[i].data(), v[i].size());
    out[off + v[i].size()] = 0;
    off += uint32_t(v[i].size() + 1);
  }
  return Errno::Success;
}

}  // namespace

Errno impl_args_sizes_get(Call& c) { return sizes(c, c.ctx.options().args); }
Errno impl_args_get(Call& c) { return get(c, c.ctx.options().args); }
Errno impl_environ_sizes_get(Call& c) { return sizes(c, c.ctx.options().env); }
Errno impl_environ_get(Call& c) { return get(c, c.ctx.options().env); }

}  // namespace wasmc::wasi
