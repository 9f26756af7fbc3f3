#!/usr/bin/env python3
"""bench/icount.py — instructions executed (valgrind cachegrind "I refs"), not time: a deterministic
measure of generated-code quality for A/B comparisons on a busy machine, where wall and CPU time move by
±15% between runs.

For each program of ../shared/bench at its small size: the native gcc -O2 build and the executable from
`wasmc build` (for each --wasmc given) run under cachegrind; prints instruction counts and the ratio to
native, and the geometric mean. Built executables are measured rather than `wasmc run`, so JIT compile
work does not mix with the program's own. Instructions are only a proxy: a load costs more than a move.

Usage: bench/icount.py [--wasmc PATH[,PATH2]] [--only fib,sha256] [--opt=-O1] [--size small|default]
"""
import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, SHARED, sizes  # noqa: E402  (bench/run.py: the same programs and sizes)


def icount(cmd):
    """Instructions cmd executes under cachegrind, and its stdout."""
    p = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--smc-check=all",
                        "--cachegrind-out-file=/dev/null"] + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    m = re.search(r"I\s+refs:\s+([\d,]+)", p.stderr.decode(errors="replace"))
    if p.returncode != 0 or not m:
        raise RuntimeError("%s: exit %d" % (" ".join(cmd), p.returncode))
    return int(m.group(1).replace(",", "")), p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasmc", default=os.path.join(ROOT, "build", "release", "driver", "wasmc"),
                    help="one wasmc, or several separated by commas (columns A, B, ...)")
    ap.add_argument("--only", default="")
    ap.add_argument("--opt", default="", help="optimisation flag passed to wasmc build, e.g. -O1")
    ap.add_argument("--size", choices=["small", "default"], default="small")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench"))
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("icount: error: valgrind not found (apt-get install valgrind)")
    table = sizes()
    only = set(filter(None, args.only.split(",")))
    names = [n for n in table if not only or n in only]
    env = dict(os.environ, BENCHES=" ".join(names))
    subprocess.run(["sh", os.path.join(SHARED, "build.sh"), args.out], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    compilers = args.wasmc.split(",")
    cols = [chr(ord("A") + i) for i in range(len(compilers))]
    print(f"{'program':<12} {'size':>8} {'native Mi':>10}" + "".join(f" {c + ' Mi':>10} {c + ' x':>7}" for c in cols))
    logs = {c: [] for c in cols}
    failed = False
    with tempfile.TemporaryDirectory(prefix="wasmc-icount-") as tmp:
        for name in names:
            size = table[name][args.size]
            wasm = os.path.join(args.out, "wasm", name + ".wasm")
            native, nout = icount([os.path.join(args.out, "native", name), size])
            row = f"{name:<12} {size:>8} {native / 1e6:>10.1f}"
            for c, w in zip(cols, compilers):
                exe = os.path.join(tmp, f"{name}.{c}")
                b = subprocess.run([w, "build"] + ([args.opt] if args.opt else []) + [wasm, "-o", exe],
                                   stderr=subprocess.PIPE)
                try:
                    if b.returncode != 0:
                        raise RuntimeError(b.stderr.decode(errors="replace").strip())
                    n, out = icount([exe, size])
                    if out != nout:
                        raise RuntimeError("output differs from the native program's")
                except RuntimeError as e:
                    print(f"  {name} ({c}): {e}", file=sys.stderr)
                    row += f" {'FAIL':>10} {'-':>7}"
                    failed = True
                    continue
                logs[c].append(math.log(n / native))
                row += f" {n / 1e6:>10.1f} {n / native:>7.2f}"
            print(row, flush=True)
    line = f"{'geomean':<12} {'':>8} {'':>10}"
    for c in cols:
        g = math.exp(sum(logs[c]) / len(logs[c])) if logs[c] else float("nan")
        line += f" {'':>10} {g:>7.2f}"
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
