/* tg_simd.h: what the hot loops use to be wide. TG_CLONES marks a hot loop's function for gcc's
 * function multi-versioning: an AVX2 clone, chosen when the program loads where the CPU has AVX2,
 * beside the baseline x86-64 one.
 * Native gcc on x86-64 Linux only (glibc's ifunc), never wasm. AVX2 does not include FMA, and the
 * build turns contraction off, so a clone computes the same bits as the baseline, only wider. */
#ifndef TG_SIMD_H
#define TG_SIMD_H

#include <string.h>

#if defined(TG_USE_CLONES) && TG_USE_CLONES && defined(__GNUC__) && !defined(__clang__) && \
    defined(__x86_64__) && defined(__linux__)
#define TG_CLONES __attribute__((target_clones("avx2", "default")))
#define TG_CLONES_512 __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TG_CLONES
#define TG_CLONES_512
#endif
/* TG_CLONES_512 adds an AVX-512F clone (eight-lane loops), chosen where the CPU has it: for the
 * model's passes, the stream and the measures (measured: chapter epoch 0.725 -> 0.665 us min).
 * AVX-512F has fused multiply-adds, so unlike AVX2 its clone relies on the build's
 * -ffp-contract=off (CMakeLists.txt, and -std=c11 implies it) never to contract a * b + c; tg_libm
 * keeps TG_CLONES. */

/* Four doubles as one value (GNU C vector extension): one AVX2 register, or two of SSE2 or wasm
 * simd128. Lane-wise +, - and * round exactly as the scalar operations do. */
typedef double tg_v4 __attribute__((vector_size(32)));
typedef unsigned long long tg_u4 __attribute__((vector_size(32)));
/* Four doubles from p, any alignment. */
#define TG_LOAD4(p)                                                                                              \
    ({                                                                                                           \
        tg_v4 v_;                                                                                                \
        memcpy(&v_, (p), sizeof v_);                                                                             \
        v_;                                                                                                      \
    })
/* Eight doubles as one value, for elementwise loops over rows in wasm: four simd128 registers,
 * whose loop step of eight rows shares its address arithmetic (wasm has no scaled addressing).
 * Lane-wise operations round exactly as the scalar ones. TG_ROWS8 says where kernels use it: gcc
 * handles such wide generic vectors poorly (stack traffic) and vectorizes the scalar loops well, so
 * natively they stay as they are. */
#if defined(__wasm_simd128__)
#define TG_ROWS8 1
#else
#define TG_ROWS8 0
#endif
typedef double tg_v8 __attribute__((vector_size(64)));
#define TG_LOAD8(p)                                                                                              \
    ({                                                                                                           \
        tg_v8 v8_;                                                                                               \
        memcpy(&v8_, (p), sizeof v8_);                                                                           \
        v8_;                                                                                                     \
    })
#define TG_STORE8(p, v)                                                                                          \
    do {                                                                                                         \
        tg_v8 s8_ = (v);                                                                                         \
        memcpy((p), &s8_, sizeof s8_);                                                                           \
    } while (0)
/* |x| lane-wise: the sign bits cleared, as fabs does. */
#define TG_ABS4(x) ((tg_v4)((tg_u4)(x) & (tg_u4){~0ULL >> 1, ~0ULL >> 1, ~0ULL >> 1, ~0ULL >> 1}))

#endif
