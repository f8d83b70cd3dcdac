/* tg_cli.c: `tinygan train`, the chapter's training run from the command line (SPEC section 4). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tinygan.h"

#define EXIT_USAGE 2
#define EXIT_DIVERGED 3
#define MAX_EPOCHS 1000000000.0
#define MAX_SAMPLE 1000000.0
#define CHUNK 65536 /* epochs per tg_step call: within the history's window */

static const char *USAGE =
    "usage: tinygan train [options]\n"
    "       tinygan --help\n"
    "\n"
    "Trains the e-book chapter's GAN (1 latent -> 3-node generator -> logistic discriminator) by SGD,\n"
    "exactly as the chapter's numpy code does, and prints its table of losses.\n"
    "\n"
    "the chapter's settings (defaults in brackets):\n"
    "  --seed S           numpy seed, an integer 0..4294967295 [42]\n"
    "  --epochs E         epochs to train, 0..1000000000 [10000]\n"
    "  --batch B          real images and latents per step, 1..65536 [32]\n"
    "  --lr-g X           generator learning rate eta_G, 1e-12..100 [0.001]\n"
    "  --lr-d Y           discriminator learning rate eta_D, 1e-12..100 [0.001]\n"
    "beyond the chapter (each default is the chapter's behaviour):\n"
    "  --g-out linear|sigmoid      generator output: the chapter's code, or its equations' sigmoid [linear]\n"
    "  --g-loss non-saturating|minimax\n"
    "                              generator loss: -log D(G(z)), or the min-max log(1 - D(G(z))) [non-saturating]\n"
    "  --real fixed|fresh          real images drawn once, or a new batch every discriminator step [fixed]\n"
    "  --d-steps K                 discriminator steps per epoch, 1..10 [1]\n"
    "  --optimizer sgd|momentum|adam\n"
    "                              update rule, one state per network (Adam: beta1 0.9, beta2 0.999,\n"
    "                              eps 1e-8) [sgd]\n"
    "  --momentum MU               momentum's mu, 0..0.999 [0.9]\n"
    "  --nodes N                   nodes per image profile, 2..16 [3]\n"
    "  --latent-lo A, --latent-hi C\n"
    "                              latent L1 ~ U(A, C), A < C, each -100..100 [0.4, 1.0]\n"
    "output:\n"
    "  --print-every K    print epoch t when t % K == 0 and the last epoch; 0 prints none [1000]\n"
    "  --json             end with one line of JSON: epoch, generator and discriminator {weights, bias},\n"
    "                     loss_d, loss_g and the last epoch's measures (17 significant digits)\n"
    "  --sample M         after training draw M latents from the run's stream and add them and their\n"
    "                     images to the JSON line as \"sample\": {\"latent\", \"images\"} (implies --json)\n"
    "  --losses FILE.csv  write, for every epoch: epoch,loss_d,loss_g,d_real,d_fake,accuracy,w1_slope,\n"
    "                     mean_gap,sd_gap\n"
    "  --time             end with the training's own time on stderr (from the run's start to its last\n"
    "                     epoch, printing excluded): 'trained E epochs in S s (U us/epoch)'\n"
    "\n"
    "measures: d_real, d_fake are mean D(real) and mean D(fake); accuracy the share of the 2B rows D puts\n"
    "on the right side of 0.5; w1_slope the 1-Wasserstein distance between the least-squares slopes of\n"
    "the real images and of the generator's profiles over 64 latents spanning the latent range;\n"
    "mean_gap and sd_gap the mean over nodes of the gaps in per-node mean and standard deviation.\n"
    "\n"
    "exit status: 0 done, 1 a file could not be written, 2 bad usage, 3 training diverged\n";

/* The CSV/JSON names of the history series, in tg_series order. */
static const char *SERIES[TG_SERIES_COUNT] = {"loss_d", "loss_g", "d_real", "d_fake", "accuracy",
                                              "w1_slope", "mean_gap", "sd_gap"};

/* "--lr-g" for "lrG": the option's JS name in kebab case. */
static void flag_name(char *out, size_t size, const char *name) {
    size_t n = 0;
    out[n++] = '-', out[n++] = '-';
    for (; *name && n + 2 < size; name++) {
        if (*name >= 'A' && *name <= 'Z') out[n++] = '-', out[n++] = (char)(*name - 'A' + 'a');
        else out[n++] = *name;
    }
    out[n] = '\0';
}

/* The tg_option whose flag is `arg`, or -1. */
static int option_for_flag(const char *arg) {
    char flag[64];
    for (int o = 0; tg_option_name(o); o++) {
        flag_name(flag, sizeof flag, tg_option_name(o));
        if (strcmp(flag, arg) == 0) return o;
    }
    return -1;
}

static int usage_error(const char *fmt, const char *a, const char *b) {
    fprintf(stderr, "tinygan: ");
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\n(see tinygan --help)\n");
    return EXIT_USAGE;
}

/* A whole-string decimal number, or 0. */
static int parse_number(const char *s, double *out) {
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

static int parse_count(const char *flag, const char *s, double max, double *out) {
    double v;
    if (!parse_number(s, &v) || v < 0 || v > max || v != floor(v)) {
        fprintf(stderr, "tinygan: %s must be an integer from 0 to %.0f, got '%s'\n(see tinygan --help)\n", flag,
                max, s);
        return 0;
    }
    *out = v;
    return 1;
}

static void json_array(FILE *f, const double *a, int n) {
    fputc('[', f);
    for (int i = 0; i < n; i++) fprintf(f, "%s%.17g", i ? ", " : "", a[i]);
    fputc(']', f);
}

/* One recorded value: series s at epoch t (a kept epoch). */
static double value(tg_ctx *g, int s, long long t) {
    double v = NAN;
    tg_series_copy(g, s, (double)t, (double)t + 1, &v);
    return v;
}

static FILE *open_losses(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "tinygan: cannot write --losses file '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    fputs("epoch", f);
    for (int s = 0; s < TG_SERIES_COUNT; s++) fprintf(f, ",%s", SERIES[s]);
    fputc('\n', f);
    return f;
}

/* Append epochs [from, to) to the CSV; they are still kept, as the run advances in chunks smaller
 * than the history's window. */
static void write_rows(FILE *f, tg_ctx *g, long long from, long long to) {
    static double v[TG_SERIES_COUNT][CHUNK];
    for (int s = 0; s < TG_SERIES_COUNT; s++) tg_series_copy(g, s, (double)from, (double)to, v[s]);
    for (long long t = from; t < to; t++) {
        fprintf(f, "%lld", t);
        for (int s = 0; s < TG_SERIES_COUNT; s++) fprintf(f, ",%.17g", v[s][t - from]);
        fputc('\n', f);
    }
}

static int close_losses(FILE *f, const char *path) {
    if (ferror(f) | (fclose(f) != 0)) {
        fprintf(stderr, "tinygan: error writing '%s': %s\n", path, strerror(errno));
        return 0;
    }
    return 1;
}

static int print_json(tg_ctx *g, int sample) {
    int N = tg_nodes(g);
    long long n = (long long)tg_epoch(g);
    double p[2 * TG_MAX_NODES + 2];
    tg_params(g, p);
    printf("{\"epoch\": %lld, \"generator\": {\"weights\": ", n);
    json_array(stdout, p, N);
    printf(", \"bias\": %.17g}, \"discriminator\": {\"weights\": ", p[N]);
    json_array(stdout, p + N + 1, N);
    printf(", \"bias\": %.17g}", p[2 * N + 1]);
    for (int s = 0; s < TG_SERIES_COUNT; s++) {
        if (s == 2) printf(", \"measures\": {");
        printf(s == 2 ? "\"%s\": " : ", \"%s\": ", SERIES[s]);
        if (n > 0) printf("%.17g", value(g, s, n - 1));
        else printf("null");
    }
    printf("}");
    if (sample > 0) {
        double *lat = malloc(sample * sizeof(double)), *img = malloc((size_t)sample * N * sizeof(double));
        if (!lat || !img || tg_sample(g, sample, lat, img) != TG_OK) {
            free(lat);
            free(img);
            fprintf(stderr, "tinygan: out of memory sampling %d images\n", sample);
            return 0;
        }
        printf(", \"sample\": {\"latent\": ");
        json_array(stdout, lat, sample);
        printf(", \"images\": [");
        for (int i = 0; i < sample; i++) {
            if (i) printf(", ");
            json_array(stdout, img + (size_t)i * N, N);
        }
        printf("]}");
        free(lat);
        free(img);
    }
    printf("}\n");
    return 1;
}

/* Set option `o` from the text `v` given to flag `a`: a choice's name, or a number. */
static int set_option(tg_ctx *g, int o, const char *a, const char *v) {
    double x;
    if (tg_option_choice(o, 0)) {
        x = -1;
        for (int c = 0; tg_option_choice(o, c); c++)
            if (strcmp(v, tg_option_choice(o, c)) == 0) x = c;
        if (x < 0) {
            fprintf(stderr, "tinygan: %s must be one of", a);
            for (int c = 0; tg_option_choice(o, c); c++) fprintf(stderr, "%s %s", c ? "," : "", tg_option_choice(o, c));
            fprintf(stderr, ", got '%s'\n(see tinygan --help)\n", v);
            return 0;
        }
    } else if (!parse_number(v, &x)) {
        /* the range as tg_set words it: integers in full, rates as %g does */
        fprintf(stderr, tg_option_integer(o) ? "tinygan: %s must be an integer from %.17g to %.17g, got '%s'\n"
                                             : "tinygan: %s must be a number from %g to %g, got '%s'\n",
                a, tg_option_min(o), tg_option_max(o), v);
        fputs("(see tinygan --help)\n", stderr);
        return 0;
    }
    if (tg_set(g, o, x) != TG_OK) {
        fprintf(stderr, "tinygan: %s %s: %s\n(see tinygan --help)\n", a, v, tg_message(g));
        return 0;
    }
    return 1;
}

/* A monotonic clock, in seconds. */
static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int train(int argc, char **argv) {
    tg_ctx *g = tg_new();
    if (!g) {
        fprintf(stderr, "tinygan: out of memory\n");
        return 1;
    }
    double epochs = 10000, every = 1000, sample = 0;
    int json = 0, timed = 0, rc = 0;
    double trained = 0.0; /* seconds spent in tg_reset and tg_step */
    const char *losses = NULL;
    for (int i = 2; i < argc && rc == 0; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0 || strcmp(a, "--time") == 0) {
            *(a[2] == 'j' ? &json : &timed) = 1;
            continue;
        }
        int o = option_for_flag(a);
        int own = strcmp(a, "--epochs") == 0 || strcmp(a, "--print-every") == 0 || strcmp(a, "--sample") == 0 ||
                  strcmp(a, "--losses") == 0;
        if (o < 0 && !own) {
            rc = usage_error("unknown option '%s'%s", a, "");
            break;
        }
        if (i + 1 >= argc) {
            rc = usage_error("%s needs a value%s", a, "");
            break;
        }
        const char *v = argv[++i];
        if (strncmp(v, "--", 2) == 0) { /* the next flag, not a value: `--losses --json` */
            rc = usage_error("%s needs a value, got the flag '%s'", a, v);
            break;
        }
        if (o >= 0) {
            if (!set_option(g, o, a, v)) rc = EXIT_USAGE;
        } else if (strcmp(a, "--epochs") == 0) {
            if (!parse_count(a, v, MAX_EPOCHS, &epochs)) rc = EXIT_USAGE;
        } else if (strcmp(a, "--print-every") == 0) {
            if (!parse_count(a, v, MAX_EPOCHS, &every)) rc = EXIT_USAGE;
        } else if (strcmp(a, "--sample") == 0) {
            if (!parse_count(a, v, MAX_SAMPLE, &sample)) rc = EXIT_USAGE;
            json = 1;
        } else {
            losses = v;
        }
    }
    if (rc == 0 && !(tg_get(g, TG_OPT_LATENT_LO) < tg_get(g, TG_OPT_LATENT_HI))) {
        fprintf(stderr, "tinygan: --latent-lo (%g) must be below --latent-hi (%g): latentLo < latentHi\n(see tinygan --help)\n",
                tg_get(g, TG_OPT_LATENT_LO), tg_get(g, TG_OPT_LATENT_HI));
        rc = EXIT_USAGE;
    }
    double start = seconds();
    if (rc == 0 && tg_reset(g) != TG_OK) {
        fprintf(stderr, "tinygan: %s\n", tg_message(g));
        rc = 1;
    }
    trained += seconds() - start;
    FILE *csv = NULL;
    if (rc == 0 && losses && !(csv = open_losses(losses))) rc = 1;
    /* train in runs that end on the epochs the table prints */
    long long E = (long long)epochs, K = (long long)every;
    while (rc == 0 && (long long)tg_epoch(g) < E) {
        long long t = (long long)tg_epoch(g), next = E - 1;
        if (K > 0 && (t / K + (t % K != 0)) * K < next) next = (t / K + (t % K != 0)) * K;
        long long run = next + 1 - t;
        if (run > CHUNK) run = CHUNK;
        start = seconds();
        tg_status st = tg_step(g, (int)run);
        trained += seconds() - start;
        if (csv) write_rows(csv, g, t, (long long)tg_epoch(g));
        if (st != TG_OK) {
            fprintf(stderr, "tinygan: %s\n", tg_message(g));
            rc = tg_diverged(g) ? EXIT_DIVERGED : 1;
            break;
        }
        long long last = (long long)tg_epoch(g) - 1;
        if (K > 0 && (last % K == 0 || last == E - 1))
            printf("Epoch %lld: D_loss = %.4f, G_loss = %.4f\n", last, value(g, TG_LOSS_D, last), value(g, TG_LOSS_G, last));
    }
    if (csv && !close_losses(csv, losses) && rc == 0) rc = 1;
    if (json && rc == 0 && !print_json(g, (int)sample)) rc = 1;
    if (timed && rc == 0)
        fprintf(stderr, "trained %lld epochs in %.6f s (%.4f us/epoch)\n", E, trained, E ? trained / E * 1e6 : 0.0);
    tg_free(g);
    return rc;
}

int main(int argc, char **argv) {
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "train") == 0) {
        for (int i = 2; i < argc; i++)
            if (strcmp(argv[i], "--help") == 0) {
                fputs(USAGE, stdout);
                return 0;
            }
        return train(argc, argv);
    }
    if (argc < 2) return usage_error("missing command: try 'tinygan train'%s%s", "", "");
    return usage_error("unknown command '%s'%s", argv[1], "");
}
