/* rng_dump.c: prints tinygan's random stream (src/tg_rng.c) for rng_check.py to hold against numpy.
 *
 *   rng_dump SEED OP...
 *
 * seeds one stream with SEED (0..4294967295) and runs each OP on it in turn, printing one value per line:
 *   u32:N               N raw tempered 32-bit outputs (%u)
 *   double:N            N tg_rng_double
 *   gauss:N             N tg_rng_gauss
 *   uniform:LO:HI:N     N tg_rng_uniform(LO, HI)
 *   normal:MU:SIGMA:N   N tg_rng_normal(MU, SIGMA)
 *   state               the 624 state words, then pos, has_gauss and the cached gaussian
 * Doubles are printed with %.17g, which reads back to the same double.
 * Build: cc -O2 -ffp-contract=off -Isrc tests/numpy/rng_dump.c src/tg_rng.c -lm -o rng_dump */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tg_rng.h"

static int bad(const char *what, const char *arg) {
    fprintf(stderr, "rng_dump: %s: '%s'\n", what, arg);
    return 2;
}

/* Split "name:a:b:c" in place into at most 4 fields; returns the number of fields. */
static int split(char *s, char **field) {
    int n = 0;
    field[n++] = s;
    for (char *p = s; *p && n < 4; p++)
        if (*p == ':') {
            *p = '\0';
            field[n++] = p + 1;
        }
    return n;
}

static int to_double(const char *s, double *out) {
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return end != s && *end == '\0' && errno == 0;
}

static int to_count(const char *s, long *out) {
    char *end;
    errno = 0;
    *out = strtol(s, &end, 10);
    return end != s && *end == '\0' && errno == 0 && *out >= 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: rng_dump SEED [u32:N|double:N|gauss:N|uniform:LO:HI:N|normal:MU:SIGMA:N|state]...\n", stderr);
        return 2;
    }
    char *end;
    errno = 0;
    unsigned long long seed = strtoull(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || errno != 0 || seed > 4294967295ull || argv[1][0] == '-')
        return bad("seed must be an integer 0..4294967295", argv[1]);

    tg_rng rng;
    tg_rng_seed(&rng, (uint32_t)seed);
    for (int a = 2; a < argc; a++) {
        char buf[256], *f[4];
        if (strlen(argv[a]) >= sizeof buf) return bad("operation too long", argv[a]);
        strcpy(buf, argv[a]);
        int nf = split(buf, f);
        double p = 0, q = 0;
        long n = 0;
        if (strcmp(f[0], "state") == 0 && nf == 1) {
            for (int i = 0; i < TG_MT_N; i++) printf("%u\n", (unsigned)rng.mt[i]);
            printf("%d\n%d\n%.17g\n", rng.pos, rng.has_gauss, rng.gauss);
        } else if ((strcmp(f[0], "u32") == 0 || strcmp(f[0], "double") == 0 || strcmp(f[0], "gauss") == 0) &&
                   nf == 2 && to_count(f[1], &n)) {
            for (long i = 0; i < n; i++) {
                if (f[0][0] == 'u') printf("%u\n", (unsigned)tg_rng_next32(&rng));
                else if (f[0][0] == 'd') printf("%.17g\n", tg_rng_double(&rng));
                else printf("%.17g\n", tg_rng_gauss(&rng));
            }
        } else if ((strcmp(f[0], "uniform") == 0 || strcmp(f[0], "normal") == 0) && nf == 4 &&
                   to_double(f[1], &p) && to_double(f[2], &q) && to_count(f[3], &n)) {
            for (long i = 0; i < n; i++)
                printf("%.17g\n", f[0][0] == 'u' ? tg_rng_uniform(&rng, p, q) : tg_rng_normal(&rng, p, q));
        } else {
            return bad("unknown or malformed operation", argv[a]);
        }
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
