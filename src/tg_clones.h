/* tg_clones.h: TG_CLONES marks a hot loop's function for gcc's function multi-versioning: an AVX2
 * clone, chosen when the program loads where the CPU has AVX2, beside the baseline x86-64 one.
 * Native gcc on x86-64 Linux only (glibc's ifunc), never wasm. AVX2 does not include FMA, and the
 * build turns contraction off, so a clone computes the same bits as the baseline, only wider.
 * (tg_libm.c has its own switch, TG_LIBM_CLONES, as it is built standalone in its tests.) */
#ifndef TG_CLONES_H
#define TG_CLONES_H

#if defined(TG_USE_CLONES) && TG_USE_CLONES && defined(__GNUC__) && !defined(__clang__) && \
    defined(__x86_64__) && defined(__linux__)
#define TG_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define TG_CLONES
#endif

#endif
