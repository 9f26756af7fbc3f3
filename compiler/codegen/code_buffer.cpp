// compiler/codegen/code_buffer.cpp — label binding and fixup patching, field encodings shared by the
// label fixups and the consumers' relocation resolution, constant-pool deduplication.
// Invariant: a pending fixup's field holds zero (x86) or the instruction with a zero offset (ARM64).
#include "codegen/code_buffer.h"

#include <algorithm>
#include <string>

namespace wasmc::codegen {

namespace {

bool fitsSigned(int64_t v, int bits) {
  int64_t lim = int64_t{1} << (bits - 1);
  return v >= -lim && v < lim;
}

uint32_t load32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
void store32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }

}  // namespace

bool patchField(uint8_t* code, uint32_t offset, FieldKind kind, uint64_t codeAddress, uint64_t target,
                int64_t addend) {
  uint8_t* p = code + offset;
  int64_t rel = static_cast<int64_t>(target + static_cast<uint64_t>(addend) - (codeAddress + offset));
  switch (kind) {
    case FieldKind::Rel8:
      if (!fitsSigned(rel, 8)) return false;
      *p = static_cast<uint8_t>(rel);
      return true;
    case FieldKind::Rel32:
      if (!fitsSigned(rel, 32)) return false;
      store32(p, static_cast<uint32_t>(rel));
      return true;
    case FieldKind::Abs64: {
      uint64_t v = target + static_cast<uint64_t>(addend);
      std::memcpy(p, &v, 8);
      return true;
    }
    case FieldKind::Arm64Branch26:
      if ((rel & 3) != 0 || !fitsSigned(rel >> 2, 26)) return false;
      store32(p, (load32(p) & ~0x03ffffffu) | (static_cast<uint32_t>(rel >> 2) & 0x03ffffffu));
      return true;
    case FieldKind::Arm64Cond19:
      if ((rel & 3) != 0 || !fitsSigned(rel >> 2, 19)) return false;
      store32(p, (load32(p) & ~(0x7ffffu << 5)) | ((static_cast<uint32_t>(rel >> 2) & 0x7ffffu) << 5));
      return true;
    case FieldKind::Arm64Test14:
      if ((rel & 3) != 0 || !fitsSigned(rel >> 2, 14)) return false;
      store32(p, (load32(p) & ~(0x3fffu << 5)) | ((static_cast<uint32_t>(rel >> 2) & 0x3fffu) << 5));
      return true;
    case FieldKind::Arm64Adr21: {
      if (!fitsSigned(rel, 21)) return false;
      uint32_t v = static_cast<uint32_t>(rel) & 0x1fffffu;
      uint32_t w = load32(p) & ~((3u << 29) | (0x7ffffu << 5));
      store32(p, w | ((v & 3u) << 29) | ((v >> 2) << 5));
      return true;
    }
    case FieldKind::Arm64AdrpPage21: {
      int64_t pages = static_cast<int64_t>(((target + static_cast<uint64_t>(addend)) & ~uint64_t{0xfff}) -
                                           ((codeAddress + offset) & ~uint64_t{0xfff})) >> 12;
      if (!fitsSigned(pages, 21)) return false;
      uint32_t v = static_cast<uint32_t>(pages) & 0x1fffffu;
      uint32_t w = load32(p) & ~((3u << 29) | (0x7ffffu << 5));
      store32(p, w | ((v & 3u) << 29) | ((v >> 2) << 5));
      return true;
    }
    case FieldKind::Arm64AddLo12: {
      uint32_t lo = static_cast<uint32_t>(target + static_cast<uint64_t>(addend)) & 0xfffu;
      store32(p, (load32(p) & ~(0xfffu << 10)) | (lo << 10));
      return true;
    }
  }
  return false;
}

uint32_t ConstPool::add(const void* data, uint32_t size, uint32_t alignment) {
  if (alignment == 0) alignment = 1;
  // Deduplicate: an identical entry at an offset with the requested alignment.
  for (uint32_t off = 0; off + size <= bytes.size(); off += alignment) {
    if (std::memcmp(bytes.data() + off, data, size) == 0) return off;
  }
  uint32_t off = static_cast<uint32_t>((bytes.size() + alignment - 1) / alignment * alignment);
  bytes.resize(off + size, 0);
  std::memcpy(bytes.data() + off, data, size);
  align = std::max(align, alignment);
  return off;
}

void CodeBuffer::grow(size_t n) {
  size_t want = std::max<size_t>({bytes_.size() * 2, size_ + n, 256});
  bytes_.resize(want);
}

Label CodeBuffer::newLabel() {
  Label l{static_cast<uint32_t>(labelPos_.size())};
  labelPos_.push_back(kUnbound);
  labelPending_.push_back(kUnbound);
  return l;
}

void CodeBuffer::apply(const Fixup& f, uint32_t target) {
  if (!patchField(bytes_.data(), f.fieldOffset, f.kind, 0, target, f.addend) && status_.ok()) {
    status_ = Error::plain("label reference at code offset " + std::to_string(f.fieldOffset) +
                           " out of range of its field");
  }
}

void CodeBuffer::bind(Label l) {
  uint32_t here = size();
  labelPos_[l.id] = here;
  for (uint32_t i = labelPending_[l.id]; i != kUnbound; i = fixups_[i].next) apply(fixups_[i], here);
  labelPending_[l.id] = kUnbound;
}

void CodeBuffer::addLabelRef(Label l, uint32_t fieldOffset, FieldKind kind, int64_t addend) {
  Fixup f{fieldOffset, static_cast<int32_t>(addend), kind, kUnbound};
  if (labelPos_[l.id] != kUnbound) {
    apply(f, labelPos_[l.id]);
    return;
  }
  f.next = labelPending_[l.id];
  labelPending_[l.id] = static_cast<uint32_t>(fixups_.size());
  fixups_.push_back(f);
}

Expected<CompiledFunction> CodeBuffer::finish() {
  if (!status_.ok()) return status_.error();
  for (size_t i = 0; i < labelPending_.size(); ++i) {
    if (labelPending_[i] != kUnbound) {
      return Error::plain("label " + std::to_string(i) + " referenced but never bound");
    }
  }
  CompiledFunction out;
  bytes_.resize(size_);
  out.code = std::move(bytes_);
  out.relocs = std::move(relocs_);
  out.trapSites = std::move(trapSites_);
  out.constPool = std::move(pool_);
  std::stable_sort(out.relocs.begin(), out.relocs.end(),
                   [](const Reloc& a, const Reloc& b) { return a.offset < b.offset; });
  std::stable_sort(out.trapSites.begin(), out.trapSites.end(),
                   [](const TrapSite& a, const TrapSite& b) { return a.codeOffset < b.codeOffset; });
  bytes_.clear();
  size_ = 0;
  fixups_.clear();
  labelPos_.clear();
  labelPending_.clear();
  return out;
}

}  // namespace wasmc::codegen
