#!/usr/bin/env python3
"""test/fuzz/fuzz.py — differential fuzzing of wasmc's execution modes.

For each seed: random bytes -> `wasm-opt -ttf` (binaryen makes a valid module from them, with hang limits
and "fuzzing-support" log imports) -> run it with `wasmc fuzz-exec --mode interp|jit|aot` and compare the
outputs line by line: our modes must agree with each other (up to NaN bits, which Wasm leaves open). Then
the same module after binaryen's `--denan` pass (NaNs replaced at run time: a NaN's sign reaches results
through copysign, and that sign is nondeterministic in Wasm) runs in binaryen's interpreter (`wasm-opt
--fuzz-exec-before`, an independent engine) and in our first mode: they must agree (binaryen prints floats
in decimal; traps are compared without their message). A mismatch keeps the module under --keep and fails
the run.

  fuzz.py --wasmc build/release/driver/wasmc [--seeds 1-200] [--modes interp,jit,aot] [--keep DIR]
  fuzz.py --self-test      (the comparison itself, on hand-made outputs)
"""
import argparse
import math
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile

FEATURES = ["--enable-simd", "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
            "--enable-multivalue", "--enable-mutable-globals"]


def seed_range(text):
    out = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


# ---- values ---------------------------------------------------------------------------------------------
# A value is a tuple: ("int", n) | ("f32", bits or None for NaN) | ("f64", ...) | ("v128", (w0..w3)) |
# ("ref",) | ("text", s) for anything else (compared literally).

def f32_bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def f64_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def parse_ours(tok):
    tok = tok.strip()
    if tok.startswith("f32:0x"):
        b = int(tok[4:], 16)
        return ("f32", None if (b & 0x7f800000) == 0x7f800000 and (b & 0x7fffff) else b)
    if tok.startswith("f64:0x"):
        b = int(tok[4:], 16)
        return ("f64", None if (b >> 52 & 0x7ff) == 0x7ff and (b & ((1 << 52) - 1)) else b)
    if tok.startswith("i32x4 "):
        return ("v128", tuple(int(w, 16) for w in tok.split()[1:]))
    if tok in ("ref", "null"):
        return ("ref",)
    if re.fullmatch(r"-?\d+", tok):
        return ("int", int(tok))
    return ("text", tok)


def parse_binaryen(tok, like):
    """binaryen's text for a value whose type `like` (a parsed value of ours) tells."""
    tok = tok.strip()
    kind = like[0]
    if kind in ("f32", "f64"):
        t = tok.lstrip("-")
        if t.startswith("nan"):
            return (kind, None)
        try:
            x = float(tok.replace("inf", "inf"))
        except ValueError:
            return ("text", tok)
        return (kind, f32_bits(x) if kind == "f32" else f64_bits(x))
    if kind == "v128" and tok.startswith("i32x4 "):
        return ("v128", tuple(int(w, 16) for w in tok.split()[1:]))
    if kind == "ref":
        return ("ref",)
    if re.fullmatch(r"-?\d+", tok):
        return ("int", int(tok))
    return ("text", tok)


def is_nan32(b):
    return (b & 0x7f800000) == 0x7f800000 and (b & 0x7fffff) != 0


def v128_equal(a, b):
    if a == b:
        return True
    # NaN bits are nondeterministic: lanes equal as f32 NaNs, or 64-bit halves equal as f64 NaNs.
    lanes32 = all(x == y or (is_nan32(x) and is_nan32(y)) for x, y in zip(a, b))
    def nan64(lo, hi):
        return (hi >> 20 & 0x7ff) == 0x7ff and ((hi & 0xfffff) or lo)
    halves = True
    for i in (0, 2):
        if (a[i], a[i + 1]) != (b[i], b[i + 1]) and not (nan64(a[i], a[i + 1]) and nan64(b[i], b[i + 1])):
            halves = False
    mixed = all(
        (a[i], a[i + 1]) == (b[i], b[i + 1]) or (nan64(a[i], a[i + 1]) and nan64(b[i], b[i + 1])) or
        all(x == y or (is_nan32(x) and is_nan32(y)) for x, y in zip(a[i:i + 2], b[i:i + 2])) for i in (0, 2))
    return lanes32 or halves or mixed


def bits_equal_modulo_nan_lanes(x, y, nbits):
    """x, y: raw bits of an i32/i64/f32/f64 that binaryen and we computed. Wasm leaves NaN bits open, and a
    NaN made in an f32x4/f64x2 lane can reach an integer or f64 result through a reinterpreting extract:
    equal when every differing 32-bit word is an f32 NaN on both sides (or the whole 64 bits f64 NaNs)."""
    if x == y:
        return True
    words = [(x >> s & 0xffffffff, y >> s & 0xffffffff) for s in range(0, nbits, 32)]
    if all(a == b or (is_nan32(a) and is_nan32(b)) for a, b in words):
        return True
    def nan64(v):
        return (v >> 52 & 0x7ff) == 0x7ff and (v & ((1 << 52) - 1)) != 0
    return nbits == 64 and nan64(x) and nan64(y)


def values_equal(a, b, exact_floats):
    if a[0] != b[0]:
        return False
    if not exact_floats and a[0] in ("f32", "f64") and a[1] is not None and b[1] is not None:
        if bits_equal_modulo_nan_lanes(a[1], b[1], 32 if a[0] == "f32" else 64):
            return True
    if not exact_floats and a[0] == "int" and a[1] != b[1]:
        return bits_equal_modulo_nan_lanes(a[1] & 0xffffffffffffffff, b[1] & 0xffffffffffffffff, 64)
    if a[0] in ("f32", "f64"):
        if a[1] is None or b[1] is None:
            return a[1] is None and b[1] is None
        if a[1] == b[1]:
            return True
        if exact_floats:
            return False
        # binaryen's decimal text may not round-trip: allow one unit in the last place.
        return abs(a[1] - b[1]) <= 1 and (a[1] >> (31 if a[0] == "f32" else 63)) == (b[1] >> (31 if a[0] == "f32" else 63))
    if a[0] == "v128":
        return v128_equal(a[1], b[1])
    return a == b


# ---- lines ----------------------------------------------------------------------------------------------

RESULT = re.compile(r"^\[fuzz-exec\] note result: (\S+) => (.*)$")
LOG = re.compile(r"^\[LoggingExternalInterface logging (.*)\]$")


def split_tuple(text):
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        return [t.strip() for t in text[1:-1].split(",")]
    return [text]


def normalise(lines):
    """Keeps the comparable lines: calls, logs, results, traps (message dropped)."""
    out = []
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("[fuzz-exec] calling ") or RESULT.match(line) or LOG.match(line):
            out.append(line)
        elif line.startswith("[trap"):
            out.append("[trap stack]" if line == "[trap stack]" or "stack limit" in line or "call stack" in line
                       else "[trap]")
        elif line.startswith("[host limit") or "host limit" in line:
            out.append("[host limit]")
    return out


def compare(ours, theirs, ours_name, theirs_name, binaryen):
    """None when equal (up to NaN bits; up to a stack-depth difference, after which the rest is not compared),
    else a description of the first difference."""
    for i in range(max(len(ours), len(theirs))):
        a = ours[i] if i < len(ours) else "<end>"
        b = theirs[i] if i < len(theirs) else "<end>"
        if a == b:
            continue
        if "[trap stack]" in (a, b) or "[host limit]" in (a, b):
            return None  # engines differ in how deep they recurse: nothing after this is comparable
        ma, mb = RESULT.match(a), RESULT.match(b)
        la, lb = LOG.match(a), LOG.match(b)
        if ma and mb and ma.group(1) == mb.group(1):
            va = [parse_ours(t) for t in split_tuple(ma.group(2))]
            vb = [parse_binaryen(t, v) if binaryen else parse_ours(t) for t, v in zip(split_tuple(mb.group(2)), va)]
            if len(va) == len(split_tuple(mb.group(2))) and all(values_equal(x, y, not binaryen) for x, y in zip(va, vb)):
                continue
        if la and lb:
            va = parse_ours(la.group(1))
            vb = parse_binaryen(lb.group(1), va) if binaryen else parse_ours(lb.group(1))
            if values_equal(va, vb, not binaryen):
                continue
        return "line %d: %s: %s | %s: %s" % (i + 1, ours_name, a, theirs_name, b)
    return None


def run(cmd, timeout=60):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, "", "timeout"


def self_test():
    """The comparison must catch what matters and only that: checked on hand-made outputs."""
    call = "[fuzz-exec] calling f"
    def res(v):
        return "[fuzz-exec] note result: f => " + v
    def log(v):
        return "[LoggingExternalInterface logging " + v + "]"
    ours = lambda *l: list(l)
    cases = [  # (ours, theirs, binaryen?, should_agree)
        ([call, res("5")], [call, res("5")], False, True),
        ([call, res("5")], [call, res("6")], False, False),
        ([call, res("5")], [call, "[trap]"], False, False),
        ([call], [call, res("1")], False, False),
        ([call, res("f64:0x7ff8000000000000")], [call, res("f64:0xfff8000000000001")], False, True),
        ([call, res("f64:0x7ff8000000000000")], [call, res("f64:0x3ff0000000000000")], False, False),
        ([call, res("f64:0x4004000000000000")], [call, res("2.5")], True, True),
        ([call, res("f64:0x4004000000000001")], [call, res("2.5")], True, True),
        ([call, res("f64:0x4005000000000000")], [call, res("2.5")], True, False),
        ([call, res("f32:0xc0200000")], [call, res("-2.5")], True, True),
        ([call, res("f32:0x40200000")], [call, res("-2.5")], True, False),
        ([call, res("f32:0x7fc00000")], [call, res("-nan:0x400001")], True, True),
        ([call, res("f64:0xffe4e73080010000")], [call, res("2247117490119201918560369e283")], True, True),
        ([call, res("(1, f32:0x3f800000)")], [call, res("(1, 1)")], True, True),
        ([call, res("(1, f32:0x3f800000)")], [call, res("(2, 1)")], True, False),
        ([call, res("i32x4 0x7fc00000 0x1 0x2 0x3")], [call, res("i32x4 0xffc00001 0x1 0x2 0x3")], False, True),
        ([call, res("i32x4 0x7fc00000 0x1 0x2 0x3")], [call, res("i32x4 0x7fc00000 0x1 0x2 0x4")], False, False),
        ([call, log("7 0")], [call, log("7 0")], True, True),
        ([call, log("7 0")], [call, log("7 1")], True, False),
        ([call, "[trap stack]", res("1")], [call, "[trap]", res("2")], False, True),
    ]
    bad = 0
    for i, (a, b, bin_, agree) in enumerate(cases):
        got = compare(normalise(a), normalise(b), "ours", "theirs", binaryen=bin_) is None
        if got != agree:
            bad += 1
            print("fuzz self-test case %d: expected %s, got %s" % (i, "agree" if agree else "differ",
                                                                  "agree" if got else "differ"))
    print("fuzz self-test: %d cases, %d wrong" % (len(cases), bad))
    return 1 if bad else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasmc", required=True)
    ap.add_argument("--wasm-opt", default="wasm-opt")
    ap.add_argument("--seeds", default="1-100")
    ap.add_argument("--modes", default="interp,jit,aot")
    ap.add_argument("--keep", default=None, help="directory for modules that show a difference")
    ap.add_argument("--size", type=int, default=6000, help="mean random input size in bytes")
    args = ap.parse_args()
    if not shutil.which(args.wasm_opt):
        print("fuzz: wasm-opt not found (binaryen)", file=sys.stderr)
        return 1
    modes = args.modes.split(",")
    seeds = seed_range(args.seeds)
    counts = {"modules": 0, "compared": 0, "skipped": 0, "failed": 0, "calls": 0}
    with tempfile.TemporaryDirectory(prefix="wasmc-fuzz-") as tmp:
        for seed in seeds:
            rng = random.Random(seed)
            data = rng.randbytes(max(64, int(rng.expovariate(1.0 / args.size))))
            raw = os.path.join(tmp, "in.bin")
            wasm = os.path.join(tmp, "m.wasm")
            with open(raw, "wb") as f:
                f.write(data)
            rc, _, err = run([args.wasm_opt, "-ttf", raw, "-o", wasm] + FEATURES)
            if rc != 0:
                counts["skipped"] += 1
                continue
            counts["modules"] += 1
            denan = os.path.join(tmp, "denan.wasm")
            rc, _, err = run([args.wasm_opt, wasm, "--denan", "-o", denan] + FEATURES)
            if rc != 0:
                counts["skipped"] += 1
                continue
            rc, out, err = run([args.wasm_opt, denan, "--fuzz-exec-before", "-q"] + FEATURES)
            if rc is None:
                counts["skipped"] += 1
                continue
            reference = normalise(out.splitlines())
            outputs = {}
            problem = None
            for m in modes:
                rc, out, err = run([args.wasmc, "fuzz-exec", "--mode", m, wasm])
                if rc == 2:
                    problem = "skip"
                    break
                if rc != 0:
                    problem = "wasmc fuzz-exec --mode %s: %s" % (m, "timeout" if rc is None else
                                                                 "exit %d: %s" % (rc, err.strip()[:300]))
                    break
                outputs[m] = normalise(out.splitlines())
            if problem is None:
                first = modes[0]
                for m in modes[1:]:
                    d = compare(outputs[first], outputs[m], first, m, binaryen=False)
                    if d:
                        problem = "modes differ: " + d
                        break
            if problem is None:
                rc, out, err = run([args.wasmc, "fuzz-exec", "--mode", modes[0], denan])
                if rc != 0:
                    problem = "wasmc fuzz-exec --mode %s (denan): %s" % (modes[0], "timeout" if rc is None else
                                                                          "exit %d: %s" % (rc, err.strip()[:300]))
                else:
                    d = compare(normalise(out.splitlines()), reference, modes[0], "binaryen", binaryen=True)
                    if d:
                        problem = "differs from binaryen (denan): " + d
            if problem == "skip":
                counts["skipped"] += 1
                continue
            if problem:
                counts["failed"] += 1
                print("fuzz: seed %d: %s" % (seed, problem))
                if args.keep:
                    os.makedirs(args.keep, exist_ok=True)
                    shutil.copy(wasm, os.path.join(args.keep, "seed%d.wasm" % seed))
                    shutil.copy(denan, os.path.join(args.keep, "seed%d.denan.wasm" % seed))
                continue
            counts["compared"] += 1
            counts["calls"] += sum(1 for l in outputs[modes[0]] if l.startswith("[fuzz-exec] calling "))
    print("fuzz: %d seeds, %d modules, %d agree (%d export calls, modes %s + binaryen), %d failed, %d skipped" %
          (len(seeds), counts["modules"], counts["compared"], counts["calls"], "/".join(modes), counts["failed"],
           counts["skipped"]))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
