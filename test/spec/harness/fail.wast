;; test/spec/harness/fail.wast — commands that `wasmc wast` must report as failing (marked FAIL), or as
;; known failures / now-passing known failures (KNOWN, NOW-PASSES: check_harness.py writes the
;; known-failure list from these marks). Unmarked commands must pass.
(module
  (func (export "one") (result i32) (i32.const 1))
  (func (export "canon") (result f32) (f32.const nan))
  (func (export "arith") (result f64) (f64.const nan:0xc000000000001))
  (func (export "negzero") (result f32) (f32.const -0.0))
  (func (export "v") (result v128) (v128.const i32x4 1 2 3 4))
  (func (export "vnan") (result v128) (v128.const f32x4 1 nan:0x400001 3 4))
  (func (export "ext") (param externref) (result externref) (local.get 0))
  (func (export "fnull") (result funcref) (ref.null func))
  (func (export "i64") (result i64) (i64.const 1))
  (func (export "trap") (unreachable))
  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
)
(assert_return (invoke "one") (i32.const 1))
(assert_return (invoke "one") (i32.const 2))                           ;; FAIL
(assert_return (invoke "arith") (f64.const nan:canonical))             ;; FAIL
(assert_return (invoke "arith") (f64.const nan:arithmetic))
(assert_return (invoke "negzero") (f32.const 0.0))                     ;; FAIL
(assert_return (invoke "negzero") (f32.const nan:arithmetic))          ;; FAIL
(assert_return (invoke "v") (v128.const i32x4 1 2 3 5))                ;; FAIL
(assert_return (invoke "v") (v128.const i64x2 0x0000000200000001 0x0000000400000003))
(assert_return (invoke "vnan") (v128.const f32x4 1 nan:canonical 3 4)) ;; FAIL
(assert_return (invoke "vnan") (v128.const f32x4 1 nan:arithmetic 3 4))
(assert_return (invoke "ext" (ref.extern 0)) (ref.null extern))        ;; FAIL
(assert_return (invoke "ext" (ref.extern 0)) (ref.extern 1))           ;; FAIL
(assert_return (invoke "ext" (ref.null extern)) (ref.extern 0))        ;; FAIL
(assert_return (invoke "fnull") (ref.func))                            ;; FAIL
(assert_return (invoke "trap"))                                        ;; FAIL
(assert_trap (invoke "one") "unreachable")                             ;; FAIL
(assert_trap (invoke "trap") "integer divide by zero")                 ;; FAIL
(assert_trap (invoke "div" (i32.const 0)) "integer divide")
(assert_trap (invoke "div" (i32.const 0)) "integer overflow")         ;; FAIL
(assert_exhaustion (invoke "trap") "call stack exhausted")             ;; FAIL
(assert_invalid (module (func)) "type mismatch")                       ;; FAIL
(assert_malformed (module binary "\00asm\01\00\00\00") "unexpected end") ;; FAIL
(assert_unlinkable (module (import "spectest" "print" (func))) "unknown import") ;; FAIL
(assert_trap (module (func)) "unreachable")                            ;; FAIL
(assert_trap (module (func $u (unreachable)) (start $u)) "out of bounds memory access") ;; FAIL
(module (import "nowhere" "f" (func)) (func (export "g")))             ;; FAIL
(assert_return (invoke "g"))                                           ;; FAIL
(module $M (func (export "one") (result i32) (i32.const 1)))
(assert_return (invoke $M "one") (i32.const 7))                        ;; KNOWN
(assert_return (invoke $M "one") (i32.const 1))                        ;; NOW-PASSES
