;; `wasmc compile` itself: one-line errors with exit status 1 and no output file; on success, local
;; function symbols from the name section (sanitised, unique) and one global descriptor `wasmc_module`.
;; RUN: rm -f %t.o %t.bad.o
;; RUN: %wat2wasm --debug-names %s -o %t.wasm
;; RUN: not %wasmc compile %t.wasm 2>&1 | FileCheck --check-prefix=NOOUT %s
;; NOOUT: wasmc: error: compile: no output file given (-o FILE.o)
;; RUN: not %wasmc compile --target mips %t.wasm -o %t.o 2>&1 | FileCheck --check-prefix=TARGET %s
;; TARGET: wasmc: error: compile: unknown target 'mips' (want x86_64 or aarch64)
;; RUN: not %wasmc compile --target aarch64 %t.wasm -o %t.o 2>&1 | FileCheck --check-prefix=A64 %s
;; A64: wasmc: error: {{.*}}: aot: target aarch64 is not supported yet
;; RUN: not test -e %t.o
;; RUN: echo '(module (func (result i32) i64.const 1))' > %t.invalid.wat
;; RUN: %wat2wasm --no-check %t.invalid.wat -o %t.invalid.wasm
;; RUN: not %wasmc compile %t.invalid.wasm -o %t.bad.o 2>&1 | FileCheck --check-prefix=BAD --implicit-check-not=error %s
;; BAD: wasmc: error: {{.*}}invalid.wasm: offset 0x{{[0-9a-f]+}}: type mismatch
;; RUN: not test -e %t.bad.o
;; RUN: %wasmc compile %t.wasm -o %t.o
;; RUN: llvm-readelf -s %t.o | FileCheck --check-prefix=SYMS %s
;; SYMS-DAG: FUNC LOCAL DEFAULT 2 my_func
;; SYMS-DAG: FUNC LOCAL DEFAULT 2 my_func.1
;; SYMS-DAG: FUNC LOCAL DEFAULT 2 with_dash
;; SYMS-DAG: FUNC LOCAL DEFAULT 2 _wasmc_module
;; SYMS-DAG: FUNC LOCAL DEFAULT 2 wasm_func_4
;; SYMS-DAG: FUNC LOCAL DEFAULT 2 wasmc_entry_t0
;; SYMS-DAG: OBJECT GLOBAL PROTECTED {{[0-9]+}} wasmc_module
;; SYMS-DAG: NOTYPE GLOBAL DEFAULT UND wasmc_rt_memory_grow

(module
  (memory 1)
  (func $my_func)
  (func $my-func)
  (func $with-dash)
  (func $wasmc_module)
  (func (result i32) i32.const 1 memory.grow))
