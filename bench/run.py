#!/usr/bin/env python3
"""bench/run.py — wasmc against native gcc -O2 on ../shared/bench, measured in the same run.

Builds the benchmark programs (native gcc -O2 and wasm32-wasi via ../shared/bench/build.sh), runs each
natively and under every requested wasmc mode at the same size argument, and prints per program the time
ratio to native (best of N runs; wall clock, or with --clock cpu the command's user + system CPU time,
steadier when other work shares the machine) and the geometric mean. The native run is the baseline, so the
ratios are comparable across machines; absolute seconds are printed too.

Mode `build`: each program is first compiled to a native executable with `wasmc build` (its wall time
is the `wasmc s` column), then the executable runs like the native program.

Usage: bench/run.py [--wasmc PATH] [--modes interp,jit,build] [--size small|default] [--runs N] [--only fib,tak]
                    [--clock wall|cpu] [--compile-stats]
"""
import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))

MODE_FLAGS = {"interp": ["--interp"], "jit": [], "aot": None, "build": []}


def sizes():
    out = {}
    with open(os.path.join(SHARED, "sizes.tsv")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, default, small = line.split()[:3]
            out[name] = {"default": default, "small": small}
    return out


CLOCK = "wall"  # --clock: "wall" (elapsed) or "cpu" (user + system time of the command: steadier on a busy machine)


def timed(cmd, timeout):
    """Runs cmd under GNU time; returns (seconds by CLOCK, exit status, checksum line, last stderr line,
    peak RSS in MiB). GNU time is the parent, so the peak RSS is the command's own (a child of this Python
    process would inherit Python's high-water mark across fork/exec). The CPU time comes from wait4 on GNU
    time (it includes its reaped child) with microsecond resolution; GNU time's %U has only 10 ms."""
    with tempfile.NamedTemporaryFile(mode="r") as tf, tempfile.TemporaryFile() as out, \
            tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-q", "-f", "%M", "-o", tf.name] + cmd, stdout=out, stderr=err)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        dt = time.perf_counter() - t0
        if proc.returncode == -9:
            return float(timeout), -1, None, ["timeout"], 0.0
        if CLOCK == "cpu":
            dt = usage.ru_utime + usage.ru_stime
        try:
            rss_kb = float(tf.read().strip().splitlines()[-1])
        except (ValueError, IndexError):
            rss_kb = 0.0
        out.seek(0)
        err.seek(0)
        p = subprocess.CompletedProcess(cmd, proc.returncode, out.read(), err.read())
    checksum = [l for l in p.stdout.decode(errors="replace").splitlines() if l.startswith("checksum:")]
    last_err = p.stderr.decode(errors="replace").strip().splitlines()[-1:]
    return dt, p.returncode, (checksum[0] if checksum else None), last_err, rss_kb / 1024.0


def code_section_size(path):
    """Size in bytes of the code section (id 10) of a .wasm file."""
    data = open(path, "rb").read()
    pos = 8
    while pos < len(data):
        sid = data[pos]
        pos += 1
        size = shift = 0
        while True:
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        if sid == 10:
            return size
        pos += size
    return 0


JIT_STATS = re.compile(r"jit: (\d+) functions compiled \((\d+) bytes, ([0-9.]+) s\)")


def compile_stats(wasmc, names, out, timeout):
    """Compile throughput: `wasmc compile -j1` (AOT, whole module) in MB of code section per second, and the
    JIT's per-function compile latency from `wasmc run -v --jit=eager` (all functions compiled up front)."""
    print()
    print(f"{'program':<12} {'code KB':>8} {'aot -j1 s':>10} {'aot MB/s':>9} {'jit funcs':>9} {'jit s':>7} {'us/func':>8}")
    tot_bytes = tot_aot = tot_jit = 0.0
    tot_funcs = 0
    for name in names:
        wasm = os.path.join(out, "wasm", name + ".wasm")
        code = code_section_size(wasm)
        obj = os.path.join(out, name + ".o")
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            r = subprocess.run([wasmc, "compile", "-j", "1", wasm, "-o", obj], stderr=subprocess.PIPE, timeout=timeout)
            dt = time.perf_counter() - t0
            if r.returncode != 0:
                print(f"  {name}: compile failed: {r.stderr.decode(errors='replace').strip()}", file=sys.stderr)
                break
            best = dt if best is None else min(best, dt)
        # A small size argument: the program runs briefly; only the compile statistics matter here.
        r = subprocess.run([wasmc, "run", "-v", "--jit=eager", wasm, "1"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=timeout)
        m = JIT_STATS.search(r.stderr.decode(errors="replace"))
        funcs, jit_s = (int(m.group(1)), float(m.group(3))) if m else (0, 0.0)
        if best is None:
            continue
        tot_bytes += code
        tot_aot += best
        tot_jit += jit_s
        tot_funcs += funcs
        us = jit_s / funcs * 1e6 if funcs else float("nan")
        print(f"{name:<12} {code / 1024:>8.1f} {best:>10.3f} {code / best / 1e6:>9.2f} {funcs:>9} {jit_s:>7.3f} {us:>8.1f}")
    if tot_aot:
        us = tot_jit / tot_funcs * 1e6 if tot_funcs else float("nan")
        print(f"{'total':<12} {tot_bytes / 1024:>8.1f} {tot_aot:>10.3f} {tot_bytes / tot_aot / 1e6:>9.2f} "
              f"{tot_funcs:>9} {tot_jit:>7.3f} {us:>8.1f}")
    print("(aot s includes process start, decoding, validation and writing the object through LLVM MC)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wasmc", default=os.path.join(ROOT, "build", "release", "driver", "wasmc"))
    ap.add_argument("--modes", default="interp")
    ap.add_argument("--size", choices=["small", "default"], default="small")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--compile-stats", action="store_true",
                    help="also print compile throughput (AOT MB/s) and JIT per-function compile latency")
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="what is timed: elapsed time, or user + system CPU time of the command")
    args = ap.parse_args()
    global CLOCK
    CLOCK = args.clock

    only = set(filter(None, args.only.split(",")))
    table = sizes()
    names = [n for n in table if not only or n in only]
    env = dict(os.environ, BENCHES=" ".join(names))
    subprocess.run(["sh", os.path.join(SHARED, "build.sh"), args.out], check=True, env=env,
                   stdout=subprocess.DEVNULL)

    modes = [m for m in args.modes.split(",") if m]
    for m in modes:
        if m not in MODE_FLAGS or MODE_FLAGS[m] is None:
            sys.exit(f"bench: error: mode '{m}' is not available")

    header = f"{'program':<12} {'size':>8} {'native s':>9} {'RSS MB':>7}" + "".join(
        f" {m + ' s':>9} {m + ' x':>8} {'RSS MB':>7}" + (f" {'wasmc s':>8}" if m == "build" else "")
        for m in modes)
    print(header)
    ratios = {m: [] for m in modes}
    failed = False
    for name in names:
        size = table[name][args.size]
        nat = os.path.join(args.out, "native", name)
        wasm = os.path.join(args.out, "wasm", name + ".wasm")
        nbest, _, ncheck, _, nrss = min((timed([nat, size], args.timeout) for _ in range(args.runs)),
                                        key=lambda r: r[0])
        row = f"{name:<12} {size:>8} {nbest:>9.3f} {nrss:>7.1f}"
        for m in modes:
            cmd = [args.wasmc, "run"] + MODE_FLAGS[m] + [wasm, size]
            build_col = ""
            if m == "build":
                exe = os.path.join(args.out, "build", name)
                os.makedirs(os.path.dirname(exe), exist_ok=True)
                t0 = time.perf_counter()
                b = subprocess.run([args.wasmc, "build", wasm, "-o", exe], stderr=subprocess.PIPE)
                build_col = f" {time.perf_counter() - t0:>8.3f}"
                if b.returncode != 0:
                    row += f" {'FAIL':>9} {'-':>8} {'-':>7} {'-':>8}"
                    print(f"  {name} (build): {b.stderr.decode(errors='replace').strip()}", file=sys.stderr)
                    failed = True
                    continue
                cmd = [exe, size]
            results = [timed(cmd, args.timeout) for _ in range(args.runs)]
            best, rc, check, err, rss = min(results, key=lambda r: r[0])
            if rc != 0 or check != ncheck:
                row += f" {'FAIL':>9} {'-':>8} {'-':>7}" + build_col
                print(f"  {name} ({m}): exit {rc}, checksum {check!r} vs native {ncheck!r} {err}", file=sys.stderr)
                failed = True
                continue
            r = best / nbest
            ratios[m].append(r)
            row += f" {best:>9.3f} {r:>8.2f} {rss:>7.1f}" + build_col
        print(row, flush=True)
    line = f"{'geomean':<12} {'':>8} {'':>9} {'':>7}"
    for m in modes:
        rs = ratios[m]
        g = math.exp(sum(math.log(r) for r in rs) / len(rs)) if rs else float("nan")
        line += f" {'':>9} {g:>8.2f} {'':>7}" + (f" {'':>8}" if m == "build" else "")
    print(line)
    if args.compile_stats:
        compile_stats(args.wasmc, names, args.out, args.timeout)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
