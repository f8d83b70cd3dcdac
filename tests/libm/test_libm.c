/*
 * test_libm.c - bit-exactness test of tg_exp/tg_log (scalar and batched)
 * against musl's own exp/log compiled from the emscripten musl sources
 * (musl_ref/, built with -ffp-contract=off, i.e. musl's non-FMA code).
 *
 * Usage: ./test_libm [scale]   (scale multiplies the random counts, default 1)
 * Prints "N passed, 0 failed" and exits 0 only if every comparison matched.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tg_libm.h"
#include "tg_libm_internal.h"
#include "musl_ref/musl_ref.h"

static uint64_t n_pass, n_fail;

static uint64_t bits(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u;
}

static double dbl(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof x);
	return x;
}

static int same(double a, double b)
{
	if (isnan(a) && isnan(b))
		return 1;
	return bits(a) == bits(b);
}

static void check(const char *what, double x, double got, double want)
{
	if (same(got, want)) {
		n_pass++;
		return;
	}
	n_fail++;
	if (n_fail <= 50)
		printf("MISMATCH %s: x = %a (%.17g) got %a (0x%016llx) want %a (0x%016llx)\n",
		       what, x, x, got, (unsigned long long)bits(got), want,
		       (unsigned long long)bits(want));
}

/* xoshiro256** */
static uint64_t s[4] = {0x9E3779B97F4A7C15ULL, 0xBF58476D1CE4E5B9ULL,
			0x94D049BB133111EBULL, 0x2545F4914F6CDD1DULL};
static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t rnd(void)
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
	s[2] ^= t; s[3] = rotl(s[3], 45);
	return r;
}
static double u01(void) { return (double)(rnd() >> 11) * 0x1p-53; }
static double uni(double a, double b) { return a + (b - a) * u01(); }
/* sign * 2^U(e0,e1) with a random mantissa: log-uniform magnitudes */
static double logu(double e0, double e1, int allow_neg)
{
	double e = uni(e0, e1);
	double m = 1.0 + u01();
	double v = ldexp(m, (int)floor(e));
	if (allow_neg && (rnd() & 1))
		v = -v;
	return v;
}

enum { EXP, LOG, SIG };
static const char *fname[] = {"exp", "log", "sigmoid"};

static double ref(int f, double x)
{
	switch (f) {
	case EXP: return musl_exp(x);
	case LOG: return musl_log(x);
	default: return 1.0 / (1.0 + musl_exp(-x));
	}
}
static double scal(int f, double x)
{
	switch (f) {
	case EXP: return tg_exp(x);
	case LOG: return tg_log(x);
	default: return 1.0 / (1.0 + tg_exp(-x));
	}
}
/* The batch implementations: the portable kernels (gcc's AVX2 clone where the CPU has AVX2) and,
   where the CPU has AVX-512, tg_libm_avx512.c's; the public functions call one of them. Every check
   below runs once for each that this CPU can run. */
typedef void (*batch_fn)(double *, const double *, int);
static const struct {
	const char *name;
	batch_fn fn[3];
} impls[] = {
	{"portable", {tg_exp_n_portable, tg_log_n_portable, tg_sigmoid_n_portable}},
#if TG_LIBM_AVX512
	{"avx512", {tg_exp_n_avx512, tg_log_n_avx512, tg_sigmoid_n_avx512}},
#endif
};
static int impl;

static void batch(int f, double *y, const double *x, int n)
{
	impls[impl].fn[f](y, x, n);
}

#define CHUNK 4096
static double xin[CHUNK], yout[CHUNK];
static uint64_t glibc_diff[2], glibc_total[2];

/* Generate `count` inputs with gen(), compare scalar and batched results
   with musl.  Batches have random lengths 1..300 so that every block/tail
   configuration is exercised. */
static void run_range(int f, const char *name, uint64_t count, double (*gen)(void))
{
	uint64_t fail0 = n_fail, pass0 = n_pass;
	char what[96];
	snprintf(what, sizeof what, "%s/%s", fname[f], name);
	for (uint64_t done = 0; done < count;) {
		int n = (int)(count - done < CHUNK ? count - done : CHUNK);
		for (int i = 0; i < n; i++)
			xin[i] = gen();
		for (int i = 0; i < n;) {
			int len = 1 + (int)(rnd() % 300);
			if (len > n - i)
				len = n - i;
			batch(f, yout + i, xin + i, len);
			i += len;
		}
		for (int i = 0; i < n; i++) {
			double want = ref(f, xin[i]);
			check(what, xin[i], yout[i], want);            /* batch  */
			check(what, xin[i], scal(f, xin[i]), want);    /* scalar */
			if (f != SIG) {
				double g = f == EXP ? exp(xin[i]) : log(xin[i]);
				glibc_total[f]++;
				glibc_diff[f] += !same(g, want);
			}
		}
		done += (uint64_t)n;
	}
	printf("  %-22s %10llu inputs, %llu checks, %llu failed\n", what,
	       (unsigned long long)count,
	       (unsigned long long)(n_pass - pass0 + n_fail - fail0),
	       (unsigned long long)(n_fail - fail0));
}

/* ---- input generators ---- */
static double g_exp_wide(void) { return uni(-800, 800); }
static double g_exp_dense(void) { return uni(-40, 40); }
static double g_exp_subn(void) { return uni(-746, -707); }
static double g_exp_ovf(void) { return uni(704, 710.5); }
static double g_exp_huge(void) { return uni(-1100, 1100); }
static double g_exp_512(void) { return (rnd() & 1 ? 1 : -1) * uni(500, 530); }
static double g_exp_tiny(void) { return logu(-80, -40, 1); }
static double g_exp_small(void) { return logu(-40, 3, 1); }
static double g_bits(void) { return dbl(rnd()); }

static double g_log_04(void) { return 4.0 * (1.0 - u01()); /* (0,4] */ }
static double g_log_near1(void) { return uni(0.9375 - 0.01, 1.064697265625 + 0.01); }
static double g_log_vnear1(void) { return 1.0 + logu(-53, -4, 1); }
static double g_log_half(void) { return uni(0.45, 0.55); }
static double g_log_subn(void) { return dbl(rnd() & 0x000fffffffffffffULL); }
static double g_log_minb(void) { return logu(-1030, -1015, 0); }
static double g_log_pos(void) { return dbl(rnd() & 0x7fffffffffffffffULL); }
static double g_log_p(void) { return u01() + 1e-8; }

/* ---- special values ---- */
static void special_values(void)
{
	static const double sv[] = {
		0.0, INFINITY, NAN, 1.0, 2.0, 0.5, 0.25, 3.0, 10.0, 1e-8, 1e-300,
		1e300, DBL_MIN, DBL_TRUE_MIN, DBL_MAX, 0x1.fffffffffffffp-1023,
		0x1p-1074 * 3, 709.78, 709.782712893384, 709.7827128933840,
		709.78271289338403, 709.7827128933841, 710.0, 745.2, 745.13321910194122,
		745.1332191019411, 745.1332191019412, 708.39641853226408, 708.4,
		744.4400719213812, 740.0, 1022.0, 1023.0, 1074.0, 1075.0,
		512.0, 0x1.fffffffffffffp8, 0x1.0000000000001p9, 1024.0,
		0x1.fffffffffffffp9, 2048.0, 0x1p-54, 0x1.fffffffffffffp-55,
		0x1.0000000000001p-54, 0x1p-53, 0x1p-60, 0x1p-1000, 1e-20,
		0.9375, 0x1.dffffffffffffp-1, 0x1.e000000000001p-1, 1.064697265625,
		0x1.108ffffffffffp0, 0x1.1090000000001p0, 0x1.0000000000001p0,
		0x1.fffffffffffffp-1, 0x1.6p-1, 0x1.5ffffffffffffp-1, 0x1.6000000000001p-1,
		0x1.6p0, 0x1.5ffffffffffffp0, 0x1.62e42fefa39efp-1, 0x1.62e42fefa39efp-8,
		0.693147180559945309, 2.718281828459045, 3.141592653589793, 100.0, 1e10, 1e100,
	};
	uint64_t f0 = n_fail, p0 = n_pass;
	size_t ns = sizeof sv / sizeof sv[0];
	double x[2 * (sizeof sv / sizeof sv[0]) + 8];
	size_t m = 0;
	for (size_t i = 0; i < ns; i++) {
		x[m++] = sv[i];
		x[m++] = -sv[i];
	}
	x[m++] = dbl(0x7ff8000000000001ULL); /* nan with payload */
	x[m++] = dbl(0xfff0000000000001ULL); /* snan-ish, negative */
	x[m++] = dbl(0x7ff4000000000000ULL); /* snan */
	x[m++] = dbl(0x0000000000000001ULL);
	x[m++] = dbl(0x000fffffffffffffULL);
	x[m++] = dbl(0x0010000000000000ULL);
	x[m++] = dbl(0x7fefffffffffffffULL);
	x[m++] = dbl(0x8000000000000001ULL);
	for (int f = 0; f < 3; f++) {
		double y[sizeof x / sizeof x[0]];
		/* scalar */
		for (size_t i = 0; i < m; i++)
			check(fname[f], x[i], scal(f, x[i]), ref(f, x[i]));
		/* batched, all at once and one by one */
		batch(f, y, x, (int)m);
		for (size_t i = 0; i < m; i++)
			check(fname[f], x[i], y[i], ref(f, x[i]));
		for (size_t i = 0; i < m; i++) {
			batch(f, y + i, x + i, 1);
			check(fname[f], x[i], y[i], ref(f, x[i]));
		}
	}
	printf("  %-22s %10zu values,  %llu checks, %llu failed\n", "special values", m,
	       (unsigned long long)(n_pass - p0 + n_fail - f0),
	       (unsigned long long)(n_fail - f0));
}

/* ---- batch == scalar for every n in 0..300, unaligned, in place ---- */
static double mixed(int f)
{
	uint64_t r = rnd() % 100;
	if (r < 6) { /* special lanes, to exercise the patch-up pass */
		static const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, NAN,
					    600.0, -600.0, 710.0, -740.0, -1e-310,
					    1e-310, -1.0, 0x1p-60, 800.0, -2000.0};
		return sp[rnd() % (sizeof sp / sizeof sp[0])];
	}
	if (f == LOG)
		return r < 30 ? g_log_near1() : g_log_04();
	return g_exp_dense() * (r < 50 ? 1 : 20);
}

static void batch_vs_scalar(void)
{
	enum { MAXN = 300, PADW = 8 };
	static double xb[MAXN + 3 * PADW], yb[MAXN + 3 * PADW], ws[MAXN];
	const double guard = -12345.678;
	uint64_t f0 = n_fail, p0 = n_pass;
	for (int rep = 0; rep < 4; rep++)
	for (int f = 0; f < 3; f++)
	for (int n = 0; n <= MAXN; n++)
	for (int off = 0; off < 4; off++)
	for (int inplace = 0; inplace < 2; inplace++) {
		double *x = xb + PADW + off;
		double *y = inplace ? x : yb + PADW + (off * 3) % 4;
		for (int i = 0; i < MAXN + 3 * PADW; i++)
			yb[i] = guard;
		for (int i = 0; i < n; i++)
			x[i] = mixed(f);
		for (int i = 0; i < n; i++)
			ws[i] = scal(f, x[i]);
		/* also a guard behind x for the in-place case */
		for (int i = n; i < n + PADW; i++)
			x[i] = guard;
		double xcopy[MAXN];
		memcpy(xcopy, x, sizeof(double) * (size_t)n);
		batch(f, y, x, n);
		char what[64];
		snprintf(what, sizeof what, "%s batch n=%d off=%d inplace=%d",
			 fname[f], n, off, inplace);
		for (int i = 0; i < n; i++)
			check(what, xcopy[i], y[i], ws[i]);
		/* nothing written outside y[0..n) */
		int bad = 0;
		for (int i = n; i < n + PADW; i++)
			bad |= bits(y[i]) != bits(guard);
		if (!inplace)
			for (int i = 0; i < PADW + (off * 3) % 4; i++)
				bad |= bits(yb[i]) != bits(guard);
		if (!inplace)
			for (int i = 0; i < n; i++)
				bad |= bits(x[i]) != bits(xcopy[i]); /* x untouched */
		if (bad) {
			n_fail++;
			printf("MISMATCH %s: wrote outside y[0..n) or modified x\n", what);
		} else {
			n_pass++;
		}
	}
	printf("  %-22s %10s           %llu checks, %llu failed\n",
	       "batch==scalar n=0..300", "", (unsigned long long)(n_pass - p0 + n_fail - f0),
	       (unsigned long long)(n_fail - f0));
}


/* ---- long arrays: near-1.0 list overflow/flush, many blocks ---- */
static void long_arrays(void)
{
	enum { MAXL = 5000 };
	static double xl[MAXL + 16], yl[MAXL + 16], wl[MAXL], xc[MAXL];
	static const int lens[] = {255, 256, 257, 511, 512, 1000, 1023, 1024, 1025,
				   2047, 4096, 4099, 5000};
	static const int near_pct[] = {0, 5, 50, 90, 97, 100};
	uint64_t f0 = n_fail, p0 = n_pass;
	for (size_t a = 0; a < sizeof lens / sizeof lens[0]; a++)
	for (size_t b = 0; b < sizeof near_pct / sizeof near_pct[0]; b++)
	for (int f = 0; f < 3; f++)
	for (int inplace = 0; inplace < 2; inplace++) {
		int n = lens[a];
		double *x = xl + 1 + (int)(a % 3);
		double *y = inplace ? x : yl + 2;
		for (int i = 0; i < n; i++) {
			int near = (int)(rnd() % 100) < near_pct[b];
			if (rnd() % 500 == 0)
				x[i] = mixed(f); /* occasional special lanes */
			else if (f == LOG)
				x[i] = near ? uni(0.9375, 1.0646972656) : uni(1e-8, 0.9);
			else
				x[i] = near ? uni(-1, 1) : uni(-700, 700);
		}
		for (int i = 0; i < n; i++) {
			wl[i] = ref(f, x[i]);
			xc[i] = x[i];
		}
		batch(f, y, x, n);
		char what[80];
		snprintf(what, sizeof what, "%s long n=%d near=%d%% inplace=%d", fname[f],
			 n, near_pct[b], inplace);
		for (int i = 0; i < n; i++)
			check(what, xc[i], y[i], wl[i]);
	}
	printf("  %-22s %10s           %llu checks, %llu failed\n", "long arrays n<=5000", "",
	       (unsigned long long)(n_pass - p0 + n_fail - f0),
	       (unsigned long long)(n_fail - f0));
}

/* Every check, for the batch implementation `impl`. */
static void run_all(double scale)
{
#define C(k) ((uint64_t)((k) * scale))
	special_values();
	batch_vs_scalar();
	long_arrays();

	run_range(EXP, "[-800,800]", C(5000000), g_exp_wide);
	run_range(EXP, "[-40,40]", C(5000000), g_exp_dense);
	run_range(EXP, "[-746,-707] subnormal", C(1000000), g_exp_subn);
	run_range(EXP, "[704,710.5] overflow", C(500000), g_exp_ovf);
	run_range(EXP, "[-1100,1100]", C(500000), g_exp_huge);
	run_range(EXP, "|x| in [500,530]", C(500000), g_exp_512);
	run_range(EXP, "|x| in 2^[-80,-40]", C(500000), g_exp_tiny);
	run_range(EXP, "|x| in 2^[-40,3]", C(1000000), g_exp_small);
	run_range(EXP, "random bits", C(500000), g_bits);
	run_range(SIG, "[-40,40]", C(2000000), g_exp_dense);
	run_range(SIG, "[-800,800]", C(500000), g_exp_wide);

	run_range(LOG, "(0,4]", C(5000000), g_log_04);
	run_range(LOG, "[0.9275,1.0747]", C(3000000), g_log_near1);
	run_range(LOG, "1 +- 2^[-53,-4]", C(1000000), g_log_vnear1);
	run_range(LOG, "[0.45,0.55]", C(1000000), g_log_half);
	run_range(LOG, "p+1e-8, p in [0,1)", C(2000000), g_log_p);
	run_range(LOG, "subnormal", C(500000), g_log_subn);
	run_range(LOG, "2^[-1030,-1015]", C(500000), g_log_minb);
	run_range(LOG, "all positive", C(1000000), g_log_pos);
	run_range(LOG, "random bits", C(500000), g_bits);
#undef C
}

int main(int argc, char **argv)
{
	double scale = argc > 1 ? atof(argv[1]) : 1.0;
	printf("tg_libm bit-exactness test vs musl (emscripten musl sources)\n");
	int n_impls = 1 + (TG_LIBM_AVX512 && tg_libm_has_avx512());
	if (n_impls == 1)
		printf("(info) this CPU has no AVX-512: only the portable batch kernels are checked\n");
	for (impl = 0; impl < n_impls; impl++) {
		printf("batch kernels: %s\n", impls[impl].name);
		run_all(scale);
	}

	for (int f = 0; f < 2; f++)
		printf("(info) glibc %s differs from musl %s on %llu of %llu inputs above (%.4f%%)\n",
		       fname[f], fname[f], (unsigned long long)glibc_diff[f],
		       (unsigned long long)glibc_total[f],
		       100.0 * (double)glibc_diff[f] / (double)(glibc_total[f] ? glibc_total[f] : 1));
	printf("%llu passed, %llu failed\n", (unsigned long long)n_pass,
	       (unsigned long long)n_fail);
	return n_fail ? 1 : 0;
}
