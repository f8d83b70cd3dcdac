/* test_golden.c: the chapter's run through the C API: its printed table to the character (the file
 * chapter_table.txt, given as the argument), and the values SPEC section 3 quotes from numpy to
 * 1e-12 (init, first real image, early losses, final parameters, the 32 latents drawn after
 * training). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "tinygan.h"

#define TOL 1e-12

/* The whole of a small text file, or "" if it cannot be read. */
static const char *read_text(const char *path) {
    static char text[4096];
    FILE *f = path ? fopen(path, "r") : NULL;
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f) fclose(f);
    text[n] = '\0';
    return text;
}

static void check_vec(const char *name, const double *got, const double *want, int n) {
    char what[64];
    for (int i = 0; i < n; i++) {
        snprintf(what, sizeof what, "%s[%d]", name, i);
        check_close(what, got[i], want[i], TOL);
    }
}

int main(int argc, char **argv) {
    const char *chapter_table = read_text(argc > 1 ? argv[1] : NULL);
    check_true("the chapter's table is read (test_golden path/to/chapter_table.txt)", strlen(chapter_table) > 0);
    tg_ctx *g = tg_new();
    check_true("tg_new", g != NULL);
    check_true("tg_step before tg_reset is refused", tg_step(g, 1) == TG_ESTATE);
    check_true("tg_reset", tg_reset(g) == TG_OK);

    double p[8];
    tg_params(g, p);
    const double init[8] = {0.04967141530112327, -0.013826430117118467, 0.06476885381006925, 0.0,
                            0.15230298564080255, -0.023415337472333597, -0.023413695694918055, 0.0};
    check_vec("params after init", p, init, 8);
    const double real0[3] = {0.8971437890889281, 0.528798401373235, 0.0740578095378377};
    check_vec("first real image", tg_real(g), real0, 3);

    check_true("tg_step(10000)", tg_step(g, 10000) == TG_OK);
    check_true("epoch is 10000", tg_epoch(g) == 10000);
    const double early[3] = {1.3180919951137648, 1.318151555169224, 1.317840591114468};
    double got[3];
    check_true("epochs 0..2 are kept", tg_series_copy(g, TG_LOSS_D, 0, 3, got) == TG_OK);
    check_vec("loss_D at epochs 0..2", got, early, 3);

    char table[1024] = "";
    for (int t = 0; t < 10000; t++) {
        if (t % 1000 != 0 && t != 9999) continue;
        char line[96];
        snprintf(line, sizeof line, "Epoch %d: D_loss = %.4f, G_loss = %.4f\n", t, at(g, TG_LOSS_D, t), at(g, TG_LOSS_G, t));
        strcat(table, line);
    }
    check_true("the chapter's table, to the character", strcmp(table, chapter_table) == 0);
    if (strcmp(table, chapter_table) != 0) fprintf(stderr, "got:\n%swant:\n%s", table, chapter_table);

    tg_params(g, p);
    const double final[8] = {1.2724957973143578, 0.06647173330268544, -1.1105228801897191, 0.17715771812068573,
                             0.2801465200016475, 0.12343066157818416, -0.24578866741766076, -0.3560303553164916};
    check_vec("params after 10000 epochs", p, final, 8);

    /* snapshots: epochs 0, 1000, ..., 9000 and 9999; the last equals the final generator */
    check_true("11 snapshots", tg_snapshot_count(g) == 11);
    double s[5];
    tg_snapshot(g, 10, s);
    check_close("last snapshot epoch", s[0], 9999, 0);
    check_vec("last snapshot generator", s + 1, final, 4);
    tg_snapshot(g, 3, s);
    check_close("snapshot 3 epoch", s[0], 3000, 0);

    double lat[32], img[96];
    check_true("tg_sample(32)", tg_sample(g, 32, lat, img) == TG_OK);
    check_close("L1_test[0]", lat[0], 0.9792579695681579, TOL);
    check_close("L1_test[1]", lat[1], 0.7104391859412003, TOL);
    const double img01[6] = {1.423259368882758, 0.2422506927083496, -0.9103306626928814,
                             1.0811885964782966, 0.22438184221634616, -0.6118012528503755};
    check_vec("images of L1_test[0..1]", img, img01, 6);
    tg_free(g);
    return check_summary("test_golden");
}
