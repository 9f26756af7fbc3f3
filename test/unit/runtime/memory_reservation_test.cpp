// test/unit/runtime/memory_reservation_test.cpp — memory reservations per execution mode
// (runtime/core/memory_reservation.h): interpreter stores reserve a few MiB and move the memory to a larger
// reservation when memory.grow needs it (contents kept, new pages zero, limits unchanged); the
// interpreter sees the moved base. Expected values are written by hand.
#include <gtest/gtest.h>

#include <cstring>

#include "test/unit/runtime/rt_util.h"

using namespace wasmc;
using namespace wasmc::test;
using rt::Value;

namespace {

constexpr uint64_t kPage = 65536;

wasm::MemoryType memType(uint64_t min, std::optional<uint64_t> max) {
  wasm::MemoryType t;
  t.limits.min = min;
  t.limits.max = max;
  return t;
}

TEST(MemoryReservation, InterpreterMemoryStartsSmallAndMovesOnGrowKeepingContents) {
  rt::Store store;  // ExecMode::Interp
  rt::MemoryInst* m = store.createMemory(memType(1, std::nullopt));
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->movable);
  EXPECT_LT(m->reservedBytes, uint64_t(64) << 20);  // not the 4 GiB of a no-max memory
  std::memcpy(m->base + 100, "wasm", 4);
  m->base[kPage - 1] = 0x5a;
  uint64_t pages = 1;
  // Grow well past the first reservation, a few pages at a time and then in one large step.
  for (int i = 0; i < 40; ++i) {
    ASSERT_EQ(m->grow(10), int64_t(pages));
    pages += 10;
  }
  ASSERT_EQ(m->grow(1000), int64_t(pages));
  pages += 1000;
  EXPECT_EQ(m->pages(), pages);
  EXPECT_EQ(m->sizeBytes, pages * kPage);
  EXPECT_EQ(std::memcmp(m->base + 100, "wasm", 4), 0);
  EXPECT_EQ(m->base[kPage - 1], 0x5a);
  EXPECT_EQ(m->base[kPage], 0);                     // grown pages are zero
  EXPECT_EQ(m->base[pages * kPage - 1], 0);
  m->base[pages * kPage - 1] = 1;                   // and writable up to the new end
  EXPECT_GE(m->reservedBytes, pages * kPage);
}

TEST(MemoryReservation, InterpreterMemoryNeverGrowsPastItsMax) {
  rt::Store store;
  rt::MemoryInst* m = store.createMemory(memType(2, 600));  // max above the initial reservation
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->grow(598), 2);
  EXPECT_EQ(m->pages(), 600u);
  EXPECT_EQ(m->grow(1), -1);
  EXPECT_EQ(m->pages(), 600u);
  rt::MemoryInst* z = store.createMemory(memType(0, 0));
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->grow(1), -1);
  EXPECT_EQ(z->grow(0), 0);
}

// The interpreter reloads the base after memory.grow: a value stored before a grow that moves the
// memory is read back through the new base, and the new end is addressable.
TEST(MemoryReservation, InterpreterReadsThroughTheMovedBase) {
  rt::Store store;
  rt::Linker linker;
  // (func (param i32) (result i32)  ;; store 0x12345678 at 100, grow by $0 pages, load from 100
  Bytes f = cat({Bytes{0x00}, i32c(100), i32c(0x12345678), Bytes{0x36, 0x02, 0x00, 0x20, 0x00, 0x40, 0x00, 0x1a},
                 i32c(100), Bytes{0x28, 0x02, 0x00, 0x0b}});
  // (func (param i32) (result i32) (i32.load (local.get 0)))
  Bytes load = {0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b};
  auto vm = validated(module({section(1, vec({funcType({I32}, {I32})})), section(3, vec({{0x00}, {0x00}})),
                              section(5, vec({{0x00, 0x01}})),
                              section(7, vec({exportFunc("f", 0), exportFunc("load", 1)})), code({f, load})}));
  ASSERT_NE(vm, nullptr);
  auto r = store.instantiate(vm, linker);
  ASSERT_NE(r.instance, nullptr);
  rt::MemoryInst* mem = r.instance->memories[0];
  const uint8_t* before = mem->base;
  std::vector<Value> out, args = {Value::makeI32(2000)};
  ASSERT_FALSE(store.invoke(r.instance->exportedFunc("f"), args, out).has_value());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].i32, 0x12345678u);
  EXPECT_EQ(mem->pages(), 2001u);
  EXPECT_NE(mem->base, before);  // 2001 pages do not fit the first reservation: it moved
  out.clear();
  args = {Value::makeI32(uint32_t(2001 * kPage - 4))};
  ASSERT_FALSE(store.invoke(r.instance->exportedFunc("load"), args, out).has_value());
  EXPECT_EQ(out[0].i32, 0u);
  out.clear();
  args = {Value::makeI32(uint32_t(2001 * kPage - 3))};
  auto trap = store.invoke(r.instance->exportedFunc("load"), args, out);
  ASSERT_TRUE(trap.has_value());
  EXPECT_EQ(trap->message, "out of bounds memory access");
}

}  // namespace
