/* Reference: musl's exp/log compiled from the emscripten musl sources. */
double musl_exp(double);
double musl_log(double);
