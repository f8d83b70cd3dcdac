/* test_history.c: a run longer than the history's window keeps its last TG_WINDOW epochs one by one,
 * refuses older ones with a message, and keeps an overview of the whole run whose blocks hold the
 * mean, min and max of the epochs they cover. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tinygan.h"

#define EPOCHS 300000

int main(void) {
    tg_ctx *g = tg_new(), *twin = tg_new();
    tg_reset(g);
    tg_reset(twin);
    double *mean = malloc(TG_OVERVIEW * sizeof *mean), *lo = malloc(TG_OVERVIEW * sizeof *lo),
           *hi = malloc(TG_OVERVIEW * sizeof *hi), *kept = malloc(TG_WINDOW * sizeof *kept);

    /* while the run fits the window, every epoch is kept */
    tg_step(g, 5000);
    check_close("kept from 0 within the window", tg_kept_from(g), 0, 0);
    int n = tg_series_overview(g, TG_LOSS_D, mean, lo, hi);
    double block = tg_overview_block(g);
    check_close("5000 epochs: blocks of 1, 2 or 4 would exceed 1024, so blocks of 8", block, 8, 0);
    check_close("625 blocks", n, 625, 0);
    double v[8], sum = 0.0, least = 1e300;
    tg_series_copy(g, TG_LOSS_D, 40, 48, v);
    for (int i = 0; i < 8; i++) sum += v[i], least = v[i] < least ? v[i] : least;
    check_close("block 5 is the mean of epochs 40 to 47", mean[5], sum / 8, 1e-15);
    check_close("its min", lo[5], least, 0);

    /* past the window: the oldest epochs give way */
    tg_step(g, EPOCHS - 5000);
    double first = EPOCHS - TG_WINDOW;
    check_close("kept from epoch - window", tg_kept_from(g), first, 0);
    check_true("an epoch before it is refused, with a message saying why",
               tg_series_copy(g, TG_LOSS_G, first - 1, first, v) == TG_EINVAL && strstr(tg_message(g), "no longer kept"));
    check_true("the window itself is there", tg_series_copy(g, TG_LOSS_G, first, EPOCHS, kept) == TG_OK);
    /* a twin run stepped in other chunks records the same values */
    for (int i = 0; i < 30; i++) tg_step(twin, EPOCHS / 30);
    double *twin_kept = malloc(TG_WINDOW * sizeof *twin_kept);
    tg_series_copy(twin, TG_LOSS_G, first, EPOCHS, twin_kept);
    check_true("same values as a run stepped in other chunks", memcmp(kept, twin_kept, TG_WINDOW * sizeof *kept) == 0);

    n = tg_series_overview(g, TG_LOSS_G, mean, lo, hi);
    block = tg_overview_block(g);
    check_true("at most TG_OVERVIEW blocks", n <= TG_OVERVIEW);
    check_close("blocks cover the run", (n - 1) * block < EPOCHS && n * block >= EPOCHS, 1, 0);
    /* the last complete block lies inside the window: compare it with the kept epochs */
    int last = EPOCHS / (int)block - 1;
    double s = 0, mn = 1e300, mx = -1e300;
    for (int t = last * (int)block; t < (last + 1) * (int)block; t++) {
        double x = kept[t - (int)first];
        s += x;
        mn = x < mn ? x : mn;
        mx = x > mx ? x : mx;
    }
    check_close("overview mean of the last full block", mean[last], s / block, 1e-12);
    check_close("overview min", lo[last], mn, 0);
    check_close("overview max", hi[last], mx, 0);
    printf("%d epochs: kept from %.0f, overview of %d blocks of %.0f epochs\n", EPOCHS, first, n, block);
    free(mean), free(lo), free(hi), free(kept), free(twin_kept);
    tg_free(g);
    tg_free(twin);
    return check_summary("test_history");
}
