;; reshelf's hand-written WebAssembly SIMD scoring kernels.
;; Source of truth for wasm/simdKernels.generated.ts; regenerate with `npm run build:wasm-kernels`
;; (src/scoring/wasm/assembleKernels.mjs assembles this file with the `wabt` package).
;;
;; Memory layout is decided by the caller (src/scoring/simdBackend.ts). All pointers are byte offsets.
;; Contracts:
;;  - dot_f32: rows of `stride` float32 values (stride a multiple of 16, zero-padded), query of `stride` floats.
;;  - dot_i8:  rows of `stride` int8 codes (stride a multiple of 16, zero-padded), one f32 scale per row,
;;             query pre-quantised to int16 codes (same stride), `qscale` its scale. The caller bounds the
;;             codes so that 127 * max|code| * stride < 2^31: the int32 dot cannot overflow.
;;    score = f32(int dot) * scale[row] * qscale.
;;  - dot_f32 and dot_i8 return the largest score they wrote (NaN if any score is NaN: f32.max propagates it),
;;    so the caller's top-k can skip a whole block that cannot beat its current k-th best.
;;  - read_f32: sums `bytes` bytes (a multiple of 64) as f32x4 lanes; used to measure read bandwidth only.
(module
  (memory (export "memory") 1 65536)

  (func (export "dot_f32") (param $rows i32) (param $table i32) (param $stride i32) (param $query i32) (param $out i32) (result f32)
    (local $row_end i32) (local $j i32) (local $q i32) (local $score f32) (local $max f32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $max (f32.const -inf))
    (local.set $row_end (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $out) (local.get $row_end)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (local.set $q (local.get $query))
        (loop $col
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $table)) (v128.load (local.get $q)))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $table)) (v128.load offset=16 (local.get $q)))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $table)) (v128.load offset=32 (local.get $q)))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $table)) (v128.load offset=48 (local.get $q)))))
          (local.set $table (i32.add (local.get $table) (i32.const 64)))
          (local.set $q (i32.add (local.get $q) (i32.const 64)))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $col (i32.lt_u (local.get $j) (local.get $stride))))
        (local.set $a0 (f32x4.add (f32x4.add (local.get $a0) (local.get $a1)) (f32x4.add (local.get $a2) (local.get $a3))))
        (local.set $score
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
            (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
        (f32.store (local.get $out) (local.get $score))
        (local.set $max (f32.max (local.get $max) (local.get $score)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $row)))
    (local.get $max))

  (func $dot_i8_single (export "dot_i8_single") (param $rows i32) (param $table i32) (param $stride i32) (param $query i32) (param $scales i32) (param $qscale f32) (param $out i32) (result f32)
    (local $row_end i32) (local $j i32) (local $q i32) (local $codes v128) (local $score f32) (local $max f32)
    (local $a0 v128) (local $a1 v128)
    (local.set $max (f32.const -inf))
    (local.set $row_end (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $out) (local.get $row_end)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (local.set $q (local.get $query))
        (loop $col
          (local.set $codes (v128.load (local.get $table)))
          (local.set $a0 (i32x4.add (local.get $a0)
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $codes)) (v128.load (local.get $q)))))
          (local.set $a1 (i32x4.add (local.get $a1)
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $codes)) (v128.load offset=16 (local.get $q)))))
          (local.set $table (i32.add (local.get $table) (i32.const 16)))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $col (i32.lt_u (local.get $j) (local.get $stride))))
        (local.set $a0 (i32x4.add (local.get $a0) (local.get $a1)))
        (local.set $score
          (f32.mul
            (f32.mul
              (f32.convert_i32_s
                (i32.add
                  (i32.add (i32x4.extract_lane 0 (local.get $a0)) (i32x4.extract_lane 1 (local.get $a0)))
                  (i32.add (i32x4.extract_lane 2 (local.get $a0)) (i32x4.extract_lane 3 (local.get $a0)))))
              (f32.load (local.get $scales)))
            (local.get $qscale)))
        (f32.store (local.get $out) (local.get $score))
        (local.set $max (f32.max (local.get $max) (local.get $score)))
        (local.set $scales (i32.add (local.get $scales) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $row)))
    (local.get $max))

  ;; dot_i8 on two rows per iteration: each query chunk is loaded once for both rows (fewer loads per row);
  ;; an odd last row goes through dot_i8_single. Same contract and results as dot_i8_single.
  (func (export "dot_i8") (param $rows i32) (param $table i32) (param $stride i32) (param $query i32) (param $scales i32) (param $qscale f32) (param $out i32) (result f32)
    (local $pairs_end i32) (local $j i32) (local $q i32) (local $t1 i32) (local $codes v128) (local $q0 v128) (local $q1 v128)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128) (local $score f32) (local $max f32)
    (local.set $max (f32.const -inf))
    (local.set $pairs_end (i32.add (local.get $out) (i32.shl (i32.and (local.get $rows) (i32.const -2)) (i32.const 2))))
    (local.set $t1 (i32.add (local.get $table) (local.get $stride)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $out) (local.get $pairs_end)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $b0 (v128.const i64x2 0 0))
        (local.set $b1 (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (local.set $q (local.get $query))
        (loop $col
          (local.set $q0 (v128.load (local.get $q)))
          (local.set $q1 (v128.load offset=16 (local.get $q)))
          (local.set $codes (v128.load (local.get $table)))
          (local.set $a0 (i32x4.add (local.get $a0) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $codes)) (local.get $q0))))
          (local.set $a1 (i32x4.add (local.get $a1) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $codes)) (local.get $q1))))
          (local.set $codes (v128.load (local.get $t1)))
          (local.set $b0 (i32x4.add (local.get $b0) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $codes)) (local.get $q0))))
          (local.set $b1 (i32x4.add (local.get $b1) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $codes)) (local.get $q1))))
          (local.set $table (i32.add (local.get $table) (i32.const 16)))
          (local.set $t1 (i32.add (local.get $t1) (i32.const 16)))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $col (i32.lt_u (local.get $j) (local.get $stride))))
        (local.set $a0 (i32x4.add (local.get $a0) (local.get $a1)))
        (local.set $score
          (f32.mul
            (f32.mul
              (f32.convert_i32_s
                (i32.add
                  (i32.add (i32x4.extract_lane 0 (local.get $a0)) (i32x4.extract_lane 1 (local.get $a0)))
                  (i32.add (i32x4.extract_lane 2 (local.get $a0)) (i32x4.extract_lane 3 (local.get $a0)))))
              (f32.load (local.get $scales)))
            (local.get $qscale)))
        (f32.store (local.get $out) (local.get $score))
        (local.set $max (f32.max (local.get $max) (local.get $score)))
        (local.set $b0 (i32x4.add (local.get $b0) (local.get $b1)))
        (local.set $score
          (f32.mul
            (f32.mul
              (f32.convert_i32_s
                (i32.add
                  (i32.add (i32x4.extract_lane 0 (local.get $b0)) (i32x4.extract_lane 1 (local.get $b0)))
                  (i32.add (i32x4.extract_lane 2 (local.get $b0)) (i32x4.extract_lane 3 (local.get $b0)))))
              (f32.load offset=4 (local.get $scales)))
            (local.get $qscale)))
        (f32.store offset=4 (local.get $out) (local.get $score))
        (local.set $max (f32.max (local.get $max) (local.get $score)))
        ;; Row pointers: row 0 of the next pair starts where row 1 of this pair started plus one stride.
        (local.set $table (local.get $t1))
        (local.set $t1 (i32.add (local.get $t1) (local.get $stride)))
        (local.set $scales (i32.add (local.get $scales) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $pair)))
    (if (i32.and (local.get $rows) (i32.const 1))
      (then
        (local.set $max (f32.max (local.get $max)
          (call $dot_i8_single (i32.const 1) (local.get $table) (local.get $stride) (local.get $query) (local.get $scales) (local.get $qscale) (local.get $out))))))
    (local.get $max))

  (func (export "read_f32") (param $ptr i32) (param $bytes i32) (result f32)
    (local $end i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $end (i32.add (local.get $ptr) (local.get $bytes)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $a0 (f32x4.add (local.get $a0) (v128.load (local.get $ptr))))
        (local.set $a1 (f32x4.add (local.get $a1) (v128.load offset=16 (local.get $ptr))))
        (local.set $a2 (f32x4.add (local.get $a2) (v128.load offset=32 (local.get $ptr))))
        (local.set $a3 (f32x4.add (local.get $a3) (v128.load offset=48 (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 64)))
        (br $next)))
    (local.set $a0 (f32x4.add (f32x4.add (local.get $a0) (local.get $a1)) (f32x4.add (local.get $a2) (local.get $a3))))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
      (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
)
