/*
 * Internal helpers for tg_libm (not part of the public API).
 *
 * The algorithms and constants are those of musl's exp.c / log.c
 * (ARM optimized-routines), Copyright (c) 2018, Arm Limited, MIT license;
 * see tg_libm_data.c for the full notice.
 */
#ifndef TG_LIBM_INTERNAL_H
#define TG_LIBM_INTERNAL_H

#include <stdint.h>
#include <string.h>
#include "tg_libm_consts.h"

/* Tables (tg_libm_data.c), struct-of-arrays copies of musl's __exp_data.tab
   and __log_data.tab / tab2. */
extern const uint64_t tg_exp_tail[128];  /* musl __exp_data.tab[2*k]   */
extern const uint64_t tg_exp_sbits[128]; /* musl __exp_data.tab[2*k+1] */
extern const double tg_log_invc[128];    /* musl __log_data.tab[i].invc  */
extern const double tg_log_logc[128];    /* musl __log_data.tab[i].logc  */
extern const double tg_log_chi[128];     /* musl __log_data.tab2[i].chi  */
extern const double tg_log_clo[128];     /* musl __log_data.tab2[i].clo  */
extern const double tg_libm_k[TG_NK];    /* tg_libm_consts.h values      */

/* The AVX-512 batch kernels (tg_libm_avx512.c), on x86-64 with gcc or clang; tg_libm.c's batch
   functions take them where the CPU has AVX-512F and DQ, the portable ones (tg_*_n_portable, gcc's
   AVX2 clone where it can) elsewhere. Both are exported here so that test_libm checks each. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(TG_NO_AVX512)
#define TG_LIBM_AVX512 1
void tg_exp_n_avx512(double *y, const double *x, int n);
void tg_sigmoid_n_avx512(double *y, const double *x, int n);
void tg_log_n_avx512(double *y, const double *x, int n);
static inline int tg_libm_has_avx512(void)
{
	return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}
#else
#define TG_LIBM_AVX512 0
static inline int tg_libm_has_avx512(void)
{
	return 0;
}
#endif
void tg_exp_n_portable(double *y, const double *x, int n);
void tg_sigmoid_n_portable(double *y, const double *x, int n);
void tg_log_n_portable(double *y, const double *x, int n);

static inline uint64_t tg_asuint64(double f)
{
	uint64_t i;
	memcpy(&i, &f, sizeof i);
	return i;
}

static inline double tg_asdouble(uint64_t i)
{
	double f;
	memcpy(&f, &i, sizeof f);
	return f;
}

#endif
