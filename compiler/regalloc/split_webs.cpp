// compiler/regalloc/split_webs.cpp — gives each web of a slot its own slot before allocation. A web is a
// maximal set of definitions and uses of one vreg ((slot, kind)) connected through "this definition
// reaches this use"; an operand-stack slot holds many unrelated values over a function, and a local
// often several, and the allocator's one interval per vreg (the hull of its live positions) would
// otherwise stretch across all of them. Invariants: the rewritten function computes the same values;
// webs that touch a call's or a multi-value return's consecutive-slot ranges, and webs live on entry
// (parameters, zero-initialised locals), keep their slot; a renamed web takes fresh slots above numSlots.
#include <numeric>
#include <span>

#include "regalloc/regalloc.h"

namespace wasmc::regalloc {

void blockSuccessors(const ir::Function& f, uint32_t block, std::vector<uint32_t>& out);

namespace {

struct UnionFind {
  std::vector<uint32_t> parent;
  uint32_t make() {
    parent.push_back(uint32_t(parent.size()));
    return parent.back();
  }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);  // the smaller id (earlier node) represents
  }
};

constexpr uint32_t kNoNode = UINT32_MAX;

bool usesSlotRanges(const ir::Inst& in) {
  return in.op == ir::Op::CallFunc || in.op == ir::Op::CallInd || in.op == ir::Op::Ret;
}

}  // namespace

uint32_t splitWebs(ir::Function& f, const wasm::Module& m) {
  if (f.layout.empty()) return 0;
  Liveness L = computeLiveness(f, m);
  const uint32_t nv = L.numVregs;
  UnionFind uf;
  std::vector<std::pair<uint32_t, uint32_t>> liveInRange;  // per block id: [begin, end) into liveIn
  std::vector<uint32_t> nodeVreg;   // per node
  std::vector<uint8_t> pinned;      // per node: must keep its slot
  auto newNode = [&](uint32_t v, bool pin) {
    uint32_t n = uf.make();
    nodeVreg.push_back(v);
    pinned.push_back(pin);
    return n;
  };

  // Live-in nodes per block, in one array: block b's (vreg, node) pairs, sorted by vreg, are
  // liveIn[liveInRange[b].first .. liveInRange[b].second) (empty for blocks outside the layout).
  std::vector<std::pair<uint32_t, uint32_t>> liveIn;
  liveInRange.assign(f.blocks.size(), {0, 0});
  for (uint32_t b : f.layout) {
    bool entry = b == f.layout[0];
    liveInRange[b].first = uint32_t(liveIn.size());
    forEachSetBit(L.liveIn[b], nv, [&](uint32_t v) { liveIn.push_back({v, newNode(v, entry)}); });
    liveInRange[b].second = uint32_t(liveIn.size());
  }
  auto liveInOf = [&](uint32_t b) {
    return std::span<const std::pair<uint32_t, uint32_t>>(liveIn.data() + liveInRange[b].first,
                                                           liveInRange[b].second - liveInRange[b].first);
  };

  // Pass 1: a node per definition; each use joins the node that reaches it. useNodes/defNodes record, in
  // instruction order, the node of each slot operand (uses in a, b, c order, then dst).
  std::vector<uint32_t> cur(nv, kNoNode);
  std::vector<uint32_t> opNodes;  // 4 per instruction: a, b, c, dst (kNoNode where not a slot)
  std::vector<SlotUse> uses, defs;
  std::vector<uint32_t> succ, touched;  // touched: vregs whose cur[] this block set
  for (uint32_t b : f.layout) {
    for (const auto& [v, n] : liveInOf(b)) {
      cur[v] = n;
      touched.push_back(v);
    }
    for (const ir::Inst& in : f.blocks[b].insts) {
      instSlots(f, m, in, uses, defs);
      bool ranges = usesSlotRanges(in);
      auto reaching = [&](const SlotUse& u) {
        uint32_t v = vregOf(u.slot, kindOf(u.type));
        if (cur[v] == kNoNode) {  // read before any write: keep it where it is
          cur[v] = newNode(v, true);
          touched.push_back(v);
        }
        if (ranges) pinned[uf.find(cur[v])] = 1;
        return cur[v];
      };
      if (ranges) {
        for (const SlotUse& u : uses) reaching(u);
        for (const SlotUse& d : defs) {
          uint32_t v = vregOf(d.slot, kindOf(d.type));
          cur[v] = newNode(v, true);
          touched.push_back(v);
        }
        opNodes.insert(opNodes.end(), 4, kNoNode);
        continue;
      }
      // instSlots lists the slot operands of a, b, c in that order (operands.h).
      const ir::Operand* ops[3] = {&in.a, &in.b, &in.c};
      size_t u = 0;
      for (unsigned k = 0; k < 3; ++k) opNodes.push_back(ops[k]->isSlot() ? reaching(uses[u++]) : kNoNode);
      if (in.dst != ir::Operand::kNone) {
        uint32_t v = vregOf(in.dst, kindOf(defs[0].type));
        uint32_t a = opNodes[opNodes.size() - 3];
        cur[v] = newNode(v, false);
        touched.push_back(v);
        // An in-place update (`s = op s, …`: the operand dies here) of a value whose web keeps its slot
        // (a call result) stays in that web: same slot, so the register allocator can update in place.
        if (in.a.isSlot() && in.a.index() == in.dst && a != kNoNode && nodeVreg[a] == v && pinned[uf.find(a)])
          uf.unite(cur[v], a);
        opNodes.push_back(cur[v]);
      } else {
        opNodes.push_back(kNoNode);
      }
    }
    blockSuccessors(f, b, succ);
    for (uint32_t s : succ)
      for (const auto& [v, n] : liveInOf(s)) {
        if (cur[v] == kNoNode) {  // cannot happen for valid liveness: stay put
          cur[v] = newNode(v, true);
          touched.push_back(v);
        }
        uf.unite(cur[v], n);
      }
    for (uint32_t v : touched) cur[v] = kNoNode;  // forget this block's nodes
    touched.clear();
  }

  // A slot per web: pinned webs and the first web met of each vreg keep the vreg's slot; the others get
  // fresh ones (two for a v128).
  const uint32_t numNodes = uint32_t(uf.parent.size());
  std::vector<uint8_t> rootPinned(numNodes, 0);
  for (uint32_t n = 0; n < numNodes; ++n)
    if (pinned[n]) rootPinned[uf.find(n)] = 1;
  std::vector<uint8_t> vregKept(nv, 0);
  for (uint32_t n = 0; n < numNodes; ++n)
    if (uf.find(n) == n && rootPinned[n]) vregKept[nodeVreg[n]] = 1;
  std::vector<uint32_t> slotOfRoot(numNodes, UINT32_MAX);
  uint32_t renamed = 0;
  for (uint32_t n = 0; n < numNodes; ++n) {  // node order = program order: stable numbering
    uint32_t r = uf.find(n);
    if (slotOfRoot[r] != UINT32_MAX) continue;
    uint32_t v = nodeVreg[r];
    if (rootPinned[r] || !vregKept[v]) {
      slotOfRoot[r] = vregSlot(v);
      vregKept[v] = 1;
    } else {
      slotOfRoot[r] = f.numSlots;
      f.numSlots += vregKind(v) == VKind::Vec ? 2 : 1;
      ++renamed;
    }
  }

  // Pass 2: rewrite the operands.
  size_t i = 0;
  for (uint32_t b : f.layout)
    for (ir::Inst& in : f.blocks[b].insts) {
      ir::Operand* ops[3] = {&in.a, &in.b, &in.c};
      for (unsigned k = 0; k < 3; ++k, ++i)
        if (opNodes[i] != kNoNode) *ops[k] = ir::Operand::slot(slotOfRoot[uf.find(opNodes[i])]);
      if (opNodes[i] != kNoNode) in.dst = slotOfRoot[uf.find(opNodes[i])];
      ++i;
    }
  return renamed;
}

}  // namespace wasmc::regalloc
