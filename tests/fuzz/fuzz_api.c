/* fuzz_api.c: libFuzzer drives the C API with random option sets and call sequences (built with
 * clang -fsanitize=fuzzer,address,undefined by `./build.sh fuzz`). Besides the sanitizers' own
 * checks it asserts the API's promises (chunks included, whole or altered): a rejected call changes nothing, nothing non-finite is ever
 * recorded, and the epoch only moves by the epochs a step reports. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinygan.h"

#define MAX_EPOCHS_PER_STEP 40
#define MAX_FUZZ_BATCH 300 /* big batches are valid but slow: keep the fuzzer's pace up */

typedef struct reader {
    const uint8_t *p;
    size_t n;
} reader;

static uint8_t byte(reader *r) {
    if (!r->n) return 0;
    r->n--;
    return *r->p++;
}

/* A double: now and then raw bits (NaN, inf, huge, subnormal), otherwise a small number. */
static double number(reader *r) {
    uint8_t kind = byte(r);
    if (kind < 40) {
        uint64_t bits = 0;
        for (int i = 0; i < 8; i++) bits = bits << 8 | byte(r);
        double d;
        memcpy(&d, &bits, sizeof d);
        return d;
    }
    return ((int)byte(r) - 100) / (double)(1 + (kind % 50));
}

#define REQUIRE(cond)                                                                                            \
    do {                                                                                                         \
        if (!(cond)) abort();                                                                                    \
    } while (0)

/* Where values are read to: volatile, so that the reads are not compiled away. */
static volatile double sink;

static void check_run(const tg_ctx *g) {
    long long n = (long long)tg_epoch(g);
    double p[2 * TG_MAX_NODES + 2];
    if (tg_params(g, p) == TG_OK)
        for (int i = 0; i < 2 * tg_nodes(g) + 2; i++) REQUIRE(isfinite(p[i]));
    double first = tg_kept_from(g), v[2];
    for (int s = 0; s < TG_SERIES_COUNT && n > first; s++) { /* none kept just after a state load */
        REQUIRE(tg_series_copy((tg_ctx *)g, s, first, first + 1, v) == TG_OK);
        REQUIRE(tg_series_copy((tg_ctx *)g, s, (double)n - 1, (double)n, v + 1) == TG_OK);
        REQUIRE(isfinite(v[0]) && isfinite(v[1]));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    reader r = {data, size};
    tg_ctx *g = tg_new();
    if (!g) return 0;
    double lat[70], img[70 * TG_MAX_NODES], gp[TG_MAX_NODES + 1], snap[TG_MAX_NODES + 2];
    for (int ops = 0; r.n && ops < 64; ops++) {
        double before = tg_epoch(g);
        switch (byte(&r) % 13) {
        case 0: {
            int opt = (int)byte(&r) % (TG_OPT_COUNT + 2) - 1;
            double v = number(&r);
            if (opt == TG_OPT_BATCH && v > MAX_FUZZ_BATCH) v = fmod(v, MAX_FUZZ_BATCH);
            double old = tg_get(g, opt);
            if (tg_set(g, opt, v) != TG_OK && opt >= 0 && opt < TG_OPT_COUNT)
                REQUIRE(tg_get(g, opt) == old || (isnan(old) && isnan(tg_get(g, opt))));
            break;
        }
        case 1: tg_reset(g); break;
        case 2: {
            int n = (int)byte(&r) % (MAX_EPOCHS_PER_STEP + 5) - 4;
            tg_status s = tg_step(g, n);
            if (s == TG_OK) REQUIRE(tg_epoch(g) == before + n);
            else REQUIRE(tg_epoch(g) >= before);
            if (s == TG_EINVAL) REQUIRE(tg_epoch(g) == before);
            break;
        }
        case 3: tg_sample(g, (int)byte(&r) % 70 - 3, lat, img); break;
        case 4: {
            int n = (int)byte(&r) % 70 - 3;
            for (int i = 0; i < 70; i++) lat[i] = number(&r);
            for (int i = 0; i <= TG_MAX_NODES; i++) gp[i] = number(&r);
            tg_generate(g, byte(&r) & 1 ? gp : NULL, n > 64 ? 64 : n, lat, img);
            break;
        }
        case 5: tg_trace_step(g); break;
        case 6: {
            int i = (int)byte(&r) - 3;
            tg_status s = tg_snapshot(g, i, snap);
            REQUIRE((s == TG_OK) == (i >= 0 && i < tg_snapshot_count(g)));
            break;
        }
        case 7: {
            int f = (int)byte(&r) % (TG_TR_COUNT + 2) - 1;
            const double *t = tg_trace(g, f);
            int len = tg_trace_length(g, f);
            REQUIRE((t == NULL) == (len == 0));
            for (int i = 0; i < len; i++) sink = t[i]; /* read every value: ASan checks each read */
            break;
        }
        case 8: {
            double v[8], m[TG_OVERVIEW], lo[TG_OVERVIEW], hi[TG_OVERVIEW];
            double from = (double)((int)byte(&r) - 3), to = from + (int)(byte(&r) % 8);
            tg_series_copy(g, (int)byte(&r) % (TG_SERIES_COUNT + 2) - 1, from, to, v);
            int k = tg_series_overview(g, (int)byte(&r) % TG_SERIES_COUNT, m, lo, hi);
            REQUIRE(k >= 0 && k <= TG_OVERVIEW);
            for (int i = 0; i < k; i++) REQUIRE(lo[i] <= hi[i] && m[i] >= lo[i] - 1e-9 * fabs(lo[i]) && m[i] <= hi[i] + 1e-9 * fabs(hi[i]));
            break;
        }
        case 9: REQUIRE(strlen(tg_message(g)) < 1000); break;
        case 10: tg_step(NULL, 1), tg_sample(NULL, 1, lat, img), tg_params(NULL, gp); break;
        case 11: {
            const char *name = tg_option_name((int)byte(&r) - 3);
            REQUIRE(!name || strlen(name) > 0);
            break;
        }
        case 12: { /* a chunk of the run's last epochs, maybe with one value changed, taken back in */
            double from = tg_epoch(g) - byte(&r) % 4;
            int len = tg_chunk_length(g, from);
            if (len <= 0 || len > 1 << 20) break;
            double *c = malloc((size_t)len * sizeof *c);
            if (!c) break;
            REQUIRE(tg_chunk_save(g, from, c, len) == TG_OK);
            if (byte(&r) & 1) c[(size_t)byte(&r) * 977 % (size_t)len] = number(&r);
            int cut = byte(&r) % 3 == 0;
            tg_status s = byte(&r) & 1 ? tg_state_load(g, c, len - cut) : tg_chunk_apply(g, c, len - cut);
            if (s == TG_EINVAL) REQUIRE(tg_epoch(g) == before);
            free(c);
            break;
        }
        }
        check_run(g);
    }
    tg_free(g);
    return 0;
}
