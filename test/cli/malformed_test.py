#!/usr/bin/env python3
"""test/cli/malformed_test.py — bad input never crashes wasmc.

Feeds `wasmc validate` and `wasmc run` truncated modules (every prefix of a real module), random bytes,
a wrong magic, a wrong version, huge LEB128 sizes and counts, bit flips of every byte, a missing file and a
bad flag. Each must exit with status 1 (never a signal, never 0 for a broken module, never a hang) and print
exactly one line that starts with 'wasmc: error: ' on stderr.
Usage: malformed_test.py WASMC SAMPLE.wasm SCRATCH_DIR
"""
import os
import random
import subprocess
import sys

wasmc, sample, scratch = sys.argv[1:4]
os.makedirs(scratch, exist_ok=True)
good = open(sample, "rb").read()
failures = []
checked = 0


def check(name, data, cmd="validate", expect_ok=False, extra=None):
    global checked
    path = os.path.join(scratch, "case.wasm")
    if data is not None:
        with open(path, "wb") as f:
            f.write(data)
    argv = [wasmc, cmd] + (extra or []) + ([path] if data is not None else [])
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    except subprocess.TimeoutExpired:
        failures.append(f"{name}: hang (timeout)")
        return
    checked += 1
    err = p.stderr.decode(errors="replace").splitlines()
    if expect_ok:
        if p.returncode != 0:
            failures.append(f"{name}: expected success, got {p.returncode}: {err}")
        return
    if p.returncode < 0:
        failures.append(f"{name}: killed by signal {-p.returncode}")
    elif p.returncode != 1:
        failures.append(f"{name}: exit status {p.returncode}, expected 1")
    elif len(err) != 1 or not err[0].startswith("wasmc: error: "):
        failures.append(f"{name}: expected one 'wasmc: error:' line, got {err!r}")


def section_ends(data):
    """Offsets where a section ends: a module cut there may be complete (e.g. header only is valid)."""
    ends, pos = {8}, 8
    while pos < len(data):
        pos += 1
        size, shift = 0, 0
        while True:
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        pos += size
        ends.add(pos)
    return ends


def check_clean_exit(name, data):
    """A module that may be valid or not: only require a clean exit (0 or 1), never a signal or hang."""
    global checked
    path = os.path.join(scratch, "maybe.wasm")
    open(path, "wb").write(data)
    p = subprocess.run([wasmc, "validate", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    checked += 1
    if p.returncode not in (0, 1):
        failures.append(f"{name}: exit status {p.returncode}")


check("valid sample", good, expect_ok=True)
boundaries = section_ends(good)
for n in range(len(good)):
    if n in boundaries:
        check_clean_exit(f"truncated at section end {n}", good[:n])
    else:
        check(f"truncated to {n} bytes", good[:n])
check("wrong magic", b"\0wsm" + good[4:])
check("wrong version", good[:4] + b"\x02\0\0\0" + good[8:])
check("huge section size", good[:8] + b"\x01\xff\xff\xff\xff\x0f" + good[9:])
check("overlong LEB", good[:8] + b"\x01\x80\x80\x80\x80\x80\x00")
check("huge type count", good[:8] + b"\x01\x06\xff\xff\xff\xff\x0f\x60")
check("huge local count", good[:8] + bytes([10, 9, 1, 7, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f]))
rng = random.Random(1234)
for i in range(200):
    check(f"random bytes #{i}", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))))
    check(f"random tail #{i}", good[:8] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 100))))
# Bit flips may produce valid modules: only require no crash / hang and a clean exit status.
for i in range(8, len(good)):
    data = bytearray(good)
    data[i] ^= 1 << rng.randrange(8)
    check_clean_exit(f"bit flip at {i}", bytes(data))
check("missing file", None, extra=[os.path.join(scratch, "does-not-exist.wasm")])
check("bad flag", None, cmd="run", extra=["--no-such-flag", sample])
check("run on truncated module", good[:20], cmd="run")

for f in failures:
    print("FAIL", f)
print(f"{checked - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
