;; test/cli/sample.wat — a small module with most section kinds, the seed for the malformed-input tests.
(module
  (type $t (func (param i32) (result i32)))
  (import "env" "f" (func $imp (param i32) (result i32)))
  (table 2 funcref)
  (memory 1 2)
  (global $g (mut i32) (i32.const 7))
  (export "add" (func $add))
  (export "mem" (memory 0))
  (elem (i32.const 0) $add $add)
  (data (i32.const 16) "hello, world")
  (func $add (param i32) (result i32)
    (local i64 f64)
    local.get 0
    global.get $g
    i32.add
    i32.const 3
    i32.mul
    (block (result i32) (i32.const 1) (br_if 0 (i32.const 0)))
    i32.add)
)
