#!/usr/bin/env python3
# test/spec/check_validate.py — runs `wasmc validate` over the binary modules of the Wasm 2.0 spec suite.
# Every `module` command (and the modules of assert_unlinkable/assert_uninstantiable, which are valid)
# must be accepted; every binary assert_invalid/assert_malformed must be rejected
# (text-format "module quote" cases are skipped). wast2json output is cached in the build tree.
import argparse
import json
import os
import subprocess
import sys

COMPAT = {"table_get", "table_set", "table_size", "table_fill", "table_grow", "if", "comments"}


def wast_files(suite):
    core = os.path.join(suite, "core")
    files = sorted(f for f in os.listdir(core) if f.endswith(".wast"))
    files += sorted("simd/" + f for f in os.listdir(os.path.join(core, "simd")) if f.endswith(".wast"))
    out = []
    for f in files:
        stem = os.path.basename(f)[:-5]
        if stem in COMPAT:
            out.append(os.path.join(suite, "core-wabt-1.0.32-compat", stem + ".wast"))
        else:
            out.append(os.path.join(core, f))
    return out


def convert(wast, outdir):
    stem = os.path.basename(wast)[:-5]
    js = os.path.join(outdir, stem + ".json")
    if not os.path.exists(js) or os.path.getmtime(js) < os.path.getmtime(wast):
        r = subprocess.run(["wast2json", wast, "-o", js], capture_output=True, text=True)
        if r.returncode != 0:
            return None, r.stderr.strip().splitlines()[:1]
    return js, None


def run_validate(wasmc, path):
    r = subprocess.run([wasmc, "validate", path], capture_output=True, text=True, timeout=60)
    return r.returncode, (r.stdout + r.stderr).strip()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--suite", default="/work/shared/testsuite")
    ap.add_argument("--wasmc", default=os.path.join(root, "build/decoder/driver/wasmc"))
    ap.add_argument("--out", default=os.path.join(root, "build/decoder/spec-json"))
    ap.add_argument("--verbose", "-v", action="store_true", help="print every failure")
    ap.add_argument("--messages", action="store_true",
                    help="also print rejections whose reason does not start with the expected text")
    ap.add_argument("filter", nargs="*", help="only files whose name contains one of these")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    total = [0, 0, 0]
    for wast in wast_files(args.suite):
        stem = os.path.basename(wast)[:-5]
        if args.filter and not any(f in stem for f in args.filter):
            continue
        js, err = convert(wast, args.out)
        if js is None:
            print(f"{stem}: wast2json failed: {err}")
            total[1] += 1
            continue
        with open(js) as fh:
            commands = json.load(fh)["commands"]
        counts = [0, 0, 0]
        for c in commands:
            t = c["type"]
            if t in ("module", "assert_unlinkable", "assert_uninstantiable"):
                if c.get("module_type", "binary") != "binary" or "filename" not in c:
                    counts[2] += 1
                    continue
                expect_ok = True
            elif t in ("assert_invalid", "assert_malformed"):
                if c.get("module_type") != "binary":
                    counts[2] += 1
                    continue
                expect_ok = False
            else:
                continue
            path = os.path.join(args.out, c["filename"])
            rc, msg = run_validate(args.wasmc, path)
            good = (rc == 0) == expect_ok and rc in (0, 1)
            if good:
                counts[0] += 1
                if not expect_ok and args.messages:
                    reason = msg.split(": ", 3)[-1]
                    reason = reason.split(": ", 1)[1] if reason.startswith("offset ") else reason
                    if not reason.startswith(c.get("text", "")):
                        print(f"  MSG {stem}:{c['line']} {c['filename']}: want '{c.get('text')}', got '{reason}'")
            else:
                counts[1] += 1
                if args.verbose or counts[1] <= 5:
                    want = "accept" if expect_ok else f"reject ({c.get('text', '')})"
                    print(f"  FAIL {stem}:{c['line']} {c['filename']}: want {want}, got rc={rc} {msg}")
        print(f"{stem}: {counts[0]} passed, {counts[1]} failed, {counts[2]} skipped")
        for i in range(3):
            total[i] += counts[i]
    print(f"TOTAL: {total[0]} passed, {total[1]} failed, {total[2]} skipped")
    return 0 if total[1] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
