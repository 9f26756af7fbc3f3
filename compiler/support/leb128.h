// compiler/support/leb128.h — a bounds-checked byte reader with the Wasm binary format's primitive
// encodings: LEB128 (u32/s32/s33/s64 with the spec's "integer too large"/"too long" rules), raw bytes.
// Invariant: pos() never passes end(); every failed read returns an Error carrying the byte offset.
#pragma once
#include <cstdint>
#include <cstring>

#include "support/diag.h"

namespace wasmc {

class ByteReader {
 public:
  // Reads base[pos, end). `endMessage` is the reason given when a read would pass `end`.
  ByteReader(const uint8_t* base, uint32_t pos, uint32_t end,
             const char* endMessage = "unexpected end of section or function")
      : base_(base), pos_(pos), end_(end), endMessage_(endMessage) {}

  uint32_t pos() const { return pos_; }
  uint32_t end() const { return end_; }
  uint32_t remaining() const { return end_ - pos_; }
  bool atEnd() const { return pos_ >= end_; }
  const uint8_t* base() const { return base_; }
  void seek(uint32_t p) { pos_ = p < end_ ? p : end_; }
  Error endError() const { return Error::at(end_, endMessage_); }

  bool peek(uint8_t& b) const {
    if (pos_ >= end_) return false;
    b = base_[pos_];
    return true;
  }
  Status u8(uint8_t& b) {
    if (pos_ >= end_) return endError();
    b = base_[pos_++];
    return {};
  }
  Status bytes(void* dst, uint32_t n) {
    if (n > remaining()) return endError();
    std::memcpy(dst, base_ + pos_, n);
    pos_ += n;
    return {};
  }
  Status skip(uint32_t n) {
    if (n > remaining()) return endError();
    pos_ += n;
    return {};
  }

  // Unsigned LEB128 of at most `bits` bits (spec vuN).
  Status varU(uint64_t& out, unsigned bits) {
    uint64_t result = 0;
    unsigned shift = 0;
    int n = int(bits);
    for (;;) {
      if (n <= 0) return Error::at(pos_, "integer representation too long");
      uint8_t b;
      if (Status st = u8(b); !st) return st;
      if (n < 7 && (b & 0x7f) >= (1u << n)) return Error::at(pos_ - 1, "integer too large");
      result |= uint64_t(b & 0x7f) << shift;
      shift += 7;
      n -= 7;
      if (!(b & 0x80)) break;
    }
    out = result;
    return {};
  }
  // Signed LEB128 of at most `bits` bits (spec vsN), sign-extended to 64 bits.
  Status varS(int64_t& out, unsigned bits) {
    uint64_t result = 0;
    unsigned shift = 0;
    int n = int(bits);
    for (;;) {
      if (n <= 0) return Error::at(pos_, "integer representation too long");
      uint8_t b;
      if (Status st = u8(b); !st) return st;
      if (n < 7) {
        uint8_t mask = uint8_t((0xffu << (n - 1)) & 0x7f);
        if ((b & mask) != 0 && (b & mask) != mask) return Error::at(pos_ - 1, "integer too large");
      }
      result |= uint64_t(b & 0x7f) << shift;
      shift += 7;
      n -= 7;
      if (!(b & 0x80)) {
        if (shift < 64 && (b & 0x40)) result |= ~uint64_t(0) << shift;
        break;
      }
    }
    out = int64_t(result);
    return {};
  }
  Status u32(uint32_t& out) {
    uint64_t v = 0;
    if (Status st = varU(v, 32); !st) return st;
    out = uint32_t(v);
    return {};
  }

 private:
  const uint8_t* base_;
  uint32_t pos_;
  uint32_t end_;
  const char* endMessage_;
};

}  // namespace wasmc
