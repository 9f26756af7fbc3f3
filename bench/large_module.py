#!/usr/bin/env python3
"""bench/large_module.py — compile speed and peak RSS of `wasmc build`/`wasmc compile` on a large module.

Generates (directly as binary, no wat2wasm) a module whose code section is about --mb megabytes: many
functions of realistic shape (loops, locals, i32/i64 arithmetic, loads/stores, calls to lower-indexed
functions), plus an export `run` () -> i32 that calls a spread of them. Then times `wasmc compile` and
`wasmc build` under /usr/bin/time -v for each -j value and prints MB/s of code section and peak RSS.
--check: also runs the built executable (`--invoke run`) and compares its output with `wasmc run --interp`
(the interpreter is the oracle); exit status 1 on any failure. Deterministic for a given --seed.
"""
import argparse
import os
import pty
import random
import re
import struct
import subprocess
import sys
import tempfile
import time


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def i32c(v):
    v &= 0xFFFFFFFF
    if v >= 1 << 31:
        v -= 1 << 32
    return b"\x41" + sleb(v)


def i64c(v):
    v &= (1 << 64) - 1
    if v >= 1 << 63:
        v -= 1 << 64
    return b"\x42" + sleb(v)


def lget(i):
    return b"\x20" + uleb(i)


def lset(i):
    return b"\x21" + uleb(i)


def section(sid, payload):
    return bytes([sid]) + uleb(len(payload)) + payload


def vec(items):
    return uleb(len(items)) + b"".join(items)


def name(s):
    b = s.encode()
    return uleb(len(b)) + b


# Function i (type 0: (i32 a, i32 b) -> i32; locals l2..l4 i32, l5 i64).
def function_body(rng, i):
    c = bytearray()
    # l2 = (a & 7) + 1; l3 = b
    c += lget(0) + i32c(7) + b"\x71" + i32c(1) + b"\x6a" + lset(2)
    c += lget(1) + lset(3)
    c += b"\x02\x40\x03\x40"  # block loop
    for _ in range(rng.randint(2, 22)):
        k = rng.randrange(4)
        if k == 0:  # l3 = rotl((l3 * C1) ^ (l2 + C2), C3)
            c += lget(3) + i32c(rng.getrandbits(32) | 1) + b"\x6c" + lget(2) + i32c(rng.getrandbits(16)) + b"\x6a"
            c += b"\x73" + i32c(rng.randrange(1, 31)) + b"\x77" + lset(3)
        elif k == 1:  # mem[(l2 * 4 + OFF) & 0xffc] = l3; l4 += mem[l3 & 0xffc]
            c += lget(2) + i32c(2) + b"\x74" + i32c(rng.randrange(0, 4096, 4)) + b"\x6a" + i32c(0xFFC) + b"\x71"
            c += lget(3) + b"\x36\x02" + uleb(rng.choice([0, 4, 64]))
            c += lget(4) + lget(3) + i32c(0xFFC) + b"\x71" + b"\x28\x02" + uleb(rng.choice([0, 8])) + b"\x6a" + lset(4)
        elif k == 2:  # l5 = l5 * C + extend_u(l3) ^ (l5 >> 17)
            c += lget(5) + i64c(rng.getrandbits(40) | 1) + b"\x7e" + lget(3) + b"\xad" + b"\x7c"
            c += lget(5) + i64c(17) + b"\x88" + b"\x85" + lset(5)
        else:  # l4 = select(l4 - l3, l4 + C, l3 <u C2)
            c += lget(4) + lget(3) + b"\x6b" + lget(4) + i32c(rng.getrandbits(12)) + b"\x6a"
            c += lget(3) + i32c(rng.getrandbits(31)) + b"\x49" + b"\x1b" + lset(4)
    # l2 -= 1; br_if loop (l2 != 0)
    c += lget(2) + i32c(1) + b"\x6b" + b"\x22\x02" + b"\x0d\x00"
    c += b"\x0b\x0b"
    if i > 0:  # if a != 0: l3 += f_j(a - 1, l3) for a lower j (call depth <= a)
        j = rng.randrange(max(0, i - 1000), i)
        c += lget(0) + b"\x04\x40" + lget(3) + lget(0) + i32c(1) + b"\x6b" + lget(3) + b"\x10" + uleb(j)
        c += b"\x6a" + lset(3) + b"\x0b"
    # l3 ^ l4 ^ wrap(l5 ^ (l5 >> 32))
    c += lget(3) + lget(4) + b"\x73" + lget(5) + lget(5) + i64c(32) + b"\x88" + b"\x85" + b"\xa7" + b"\x73"
    c += b"\x0b"
    locals_ = vec([uleb(3) + b"\x7f", uleb(1) + b"\x7e"])
    body = locals_ + bytes(c)
    return uleb(len(body)) + body


def make_module(target_bytes, seed):
    rng = random.Random(seed)
    bodies = []
    size = 0
    while size < target_bytes:
        b = function_body(rng, len(bodies))
        bodies.append(b)
        size += len(b)
    n = len(bodies)
    # run() -> i32: acc = acc * 31 + f_k(3, acc) over 256 functions spread through the module.
    c = bytearray()
    for t in range(256):
        k = (t * 7919 + rng.randrange(n)) % n
        c += lget(0) + i32c(31) + b"\x6c" + i32c(3) + lget(0) + b"\x10" + uleb(k) + b"\x6a" + lset(0)
    c += lget(0) + b"\x0b"
    run_body = vec([uleb(1) + b"\x7f"]) + bytes(c)
    start_body = vec([]) + b"\x10" + uleb(n) + b"\x1a\x0b"  # _start: drop(run())
    code = vec(bodies + [uleb(len(run_body)) + run_body, uleb(len(start_body)) + start_body])
    types = vec([b"\x60" + vec([b"\x7f", b"\x7f"]) + vec([b"\x7f"]), b"\x60\x00\x01\x7f", b"\x60\x00\x00"])
    funcs = vec([uleb(0)] * n + [uleb(1), uleb(2)])
    mem = vec([b"\x00\x01"])
    exports = vec([name("run") + b"\x00" + uleb(n), name("_start") + b"\x00" + uleb(n + 1),
                   name("memory") + b"\x02\x00"])
    mod = b"\x00asm\x01\x00\x00\x00" + section(1, types) + section(3, funcs) + section(5, mem)
    mod += section(7, exports) + section(10, code)
    return mod, n + 2, len(code)


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (ok, seconds, peak RSS KiB, stderr)."""
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    dt = time.monotonic() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return p.returncode == 0, dt, int(m.group(1)) if m else -1, p.stderr


def check_progress(wasmc, wasm, obj):
    """The progress line: absent when stderr is a pipe; on a terminal only well-formed updates, then erased."""
    p = subprocess.run([wasmc, "compile", "-j2", wasm, "-o", obj], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode or p.stderr:
        return f"compile with stderr on a pipe: status {p.returncode}, stderr {p.stderr!r} (want none)"
    out = bytearray()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(wasmc, [wasmc, "compile", "-j2", wasm, "-o", obj])
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status):
        return f"compile on a terminal failed: {out!r}"
    text = out.decode()
    lines = [x.rstrip(" ") for x in text.split("\r") if x.strip(" ")]
    for x in lines:
        m = re.fullmatch(r"wasmc: compiling (\d+)/(\d+) functions \((\d+)%\)", x)
        if not m or int(m.group(1)) > int(m.group(2)) or int(m.group(3)) != int(m.group(1)) * 100 // int(m.group(2)):
            return f"bad progress line {x!r} in {text!r}"
    if lines and not text.endswith("\r"):
        return f"progress line not erased at the end: {text!r}"
    print(f"progress line: {len(lines)} update(s) on a terminal, none on a pipe")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wasmc", default=os.environ.get("WASMC", "wasmc"))
    ap.add_argument("--mb", type=float, default=30.0, help="code section size in MB (10^6 bytes)")
    ap.add_argument("--jobs", default="1,2", help="comma-separated -j values")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", action="store_true", help="run the executable, compare with the interpreter")
    ap.add_argument("--no-compile", action="store_true", help="skip `wasmc compile`")
    ap.add_argument("--keep", help="directory to keep the module and outputs in")
    a = ap.parse_args()

    work = a.keep or tempfile.mkdtemp(prefix="wasmc-large-")
    os.makedirs(work, exist_ok=True)
    t0 = time.monotonic()
    mod, nfuncs, code_size = make_module(int(a.mb * 1e6), a.seed)
    wasm = os.path.join(work, "large.wasm")
    with open(wasm, "wb") as f:
        f.write(mod)
    mb = code_size / 1e6
    print(f"module: {nfuncs} functions, code section {mb:.2f} MB, file {len(mod) / 1e6:.2f} MB "
          f"(generated in {time.monotonic() - t0:.1f} s)")
    failed = False
    objs = []
    for j in [int(x) for x in a.jobs.split(",") if x]:
        runs = []
        if not a.no_compile:
            obj = os.path.join(work, f"large.j{j}.o")
            runs.append(("compile", [a.wasmc, "compile", f"-j{j}", wasm, "-o", obj]))
            objs.append(obj)
        exe = os.path.join(work, f"large.j{j}")
        # The executable runs export `run` and prints its result (an oracle for --check).
        runs.append(("build", [a.wasmc, "build", f"-j{j}", "--invoke", "run", wasm, "-o", exe]))
        for what, cmd in runs:
            ok, dt, rss, err = timed(cmd)
            if not ok:
                print(f"FAIL: {' '.join(cmd)}\n{err}")
                failed = True
                continue
            print(f"{what:8} -j{j}: {dt:6.2f} s  {mb / dt:6.2f} MB/s  peak RSS {rss / 1024:7.1f} MiB")
            if rss > 1024 * 1024:
                print(f"FAIL: {what} -j{j} peak RSS above 1 GiB")
                failed = True
        if a.check and os.path.exists(exe):
            got = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            want = subprocess.run([a.wasmc, "run", "--interp", "--invoke", "run", wasm], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
            if got.returncode or want.returncode or got.stdout != want.stdout or not got.stdout.strip():
                print(f"FAIL: executable -j{j}: status {got.returncode} output {got.stdout!r} {got.stderr!r}; "
                      f"interpreter: status {want.returncode} output {want.stdout!r} {want.stderr!r}")
                failed = True
            else:
                print(f"run -j{j}: {got.stdout.strip()} (matches the interpreter)")
            ok, dt, rss, err = timed([exe])
            print(f"executable run: {dt * 1000:.0f} ms, peak RSS {rss / 1024:.1f} MiB" if ok else f"FAIL: _start: {err}")
            failed |= not ok
    if a.check:
        err = check_progress(a.wasmc, wasm, os.path.join(work, "progress.o"))
        if err:
            print("FAIL: " + err)
            failed = True
    if len(objs) > 1 and all(os.path.exists(o) for o in objs):
        first = open(objs[0], "rb").read()
        for o in objs[1:]:
            if open(o, "rb").read() != first:
                print(f"FAIL: {o} differs from {objs[0]} (objects must not depend on -j)")
                failed = True
        if not failed:
            print(f"objects for -j {a.jobs}: byte-identical")
    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
