#!/usr/bin/env bash
# build.sh: build, test, serve and benchmark tinygan.
#   ./build.sh              build the native CLI (build/native/tinygan) and the static site (dist/)
#   ./build.sh test         build, then run every test suite (C under ctest, numpy, Node, browser)
#   ./build.sh serve [port] build, then serve dist/ on http://localhost:port (default 8000)
#   ./build.sh bench        build, then time numpy vs native vs wasm, and the pages in chromium
#   ./build.sh fuzz [secs]  fuzz the C API with libFuzzer (default 60 s; `test` runs it too)
# Missing tools are installed with apt-get / npm ci when run as root; otherwise named, and we stop.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
PYTHON=/usr/bin/python3 # Debian's, for python3-numpy (a pyenv python3 on PATH may lack numpy)

# The wasm module's exports: the C API of src/tinygan.h plus the allocator the JS binding uses.
WASM_EXPORTS=_tg_new,_tg_free,_tg_set,_tg_get,_tg_option_name,_tg_option_choice,_tg_option_min,_tg_option_max,\
_tg_option_integer,_tg_option_default,_tg_reset,_tg_step,_tg_message,_tg_epoch,_tg_nodes,_tg_batch,_tg_diverged,\
_tg_kept_from,_tg_series_copy,_tg_series_overview,_tg_overview_block,_tg_real,_tg_params,_tg_snapshot_count,_tg_snapshot,_tg_sample,_tg_generate,\
_tg_trace_step,_tg_trace,_tg_trace_length,_tg_chunk_length,_tg_chunk_save,_tg_chunk_apply,_tg_state_load,_tg_history_start,\
_malloc,_free
C_SOURCES=(src/tinygan.c src/tg_chunk.c src/tg_model.c src/tg_measures.c src/tg_history.c src/tg_rng.c src/tg_libm.c
  src/tg_libm_avx512.c src/tg_libm_data.c)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# ensure_tools KIND...: KIND is build, test or serve. Collects the Debian packages that are missing.
ensure_tools() {
  local pkgs=()
  command -v cmake >/dev/null || pkgs+=(cmake)
  command -v cc >/dev/null || pkgs+=(gcc)
  command -v make >/dev/null || pkgs+=(make)
  command -v emcc >/dev/null || pkgs+=(emscripten)
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
  if [[ " $* " == *" test "* || " $* " == *" fuzz "* ]]; then
    command -v clang >/dev/null || pkgs+=(clang)
    [[ -n $(find /usr/lib/llvm-*/lib/clang -name 'libclang_rt.fuzzer*.a' 2>/dev/null | head -1) ]] ||
      pkgs+=(libclang-rt-14-dev)
  fi
  if [[ " $* " == *" test "* ]]; then
    "$PYTHON" -c 'import numpy' 2>/dev/null || pkgs+=(python3-numpy)
    command -v chromium >/dev/null || pkgs+=(chromium)
    command -v valgrind >/dev/null || pkgs+=(valgrind)
  fi
  if ((${#pkgs[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      say "installing with apt-get: ${pkgs[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
    else
      echo "build.sh: missing tools. Install them with:" >&2
      echo "  sudo apt-get install ${pkgs[*]}" >&2
      exit 1
    fi
  fi
  # Node dependencies (Chart.js, playwright-core) exactly as package-lock.json pins them.
  if [[ ! -d node_modules/chart.js || ! -d node_modules/playwright-core ||
        package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

build_native() {
  say "native build (build/native)"
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native --parallel 2 >/dev/null
}

build_wasm() {
  say "wasm build (dist/tinygan.wasm)"
  rm -rf dist # a fresh site every build: nothing stale from an older web/ survives
  mkdir -p dist
  # Standalone: no Emscripten JS glue (3.1.6's ES6 glue does not run under Node); --no-entry: a
  # library. No fast-math, and no FMA contraction: the numbers must stay numpy's. simd128 lets
  # the batched exp/log run two lanes at a time, bulk-memory makes memcpy one instruction (Node >= 16
  # and every current browser have both).
  emcc -O3 -msimd128 -mbulk-memory -std=c11 -ffp-contract=off -Wall -Wextra \
    -sSTANDALONE_WASM --no-entry -sALLOW_MEMORY_GROWTH=1 \
    -sEXPORTED_FUNCTIONS="$WASM_EXPORTS" \
    "${C_SOURCES[@]}" -o dist/tinygan.wasm
}

build_site() {
  say "static site (dist/)"
  mkdir -p dist/vendor
  cp -R web/. dist/
  cp node_modules/chart.js/dist/chart.umd.min.js dist/vendor/chart.umd.min.js
  cp node_modules/chart.js/LICENSE.md dist/vendor/chart.js-LICENSE.md
}

build_all() {
  build_native
  build_wasm
  build_site
}

build_sanitized() {
  say "C core with AddressSanitizer + UndefinedBehaviorSanitizer (build/asan)"
  cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
    -DCMAKE_C_FLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" >/dev/null
  cmake --build build/asan --parallel 2 >/dev/null
}

build_fuzzer() {
  say "libFuzzer harness (build/fuzz/fuzz_api)"
  mkdir -p build/fuzz/corpus
  clang -O1 -g -std=c11 -ffp-contract=off -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Isrc tests/fuzz/fuzz_api.c "${C_SOURCES[@]}" -lm -o build/fuzz/fuzz_api
}

# run_fuzz SECONDS: drive the C API with random option sets and call sequences.
run_fuzz() {
  say "fuzzing the C API for $1 s"
  build/fuzz/fuzz_api -max_total_time="$1" -print_final_stats=1 -artifact_prefix=build/fuzz/ build/fuzz/corpus \
    2>&1 | grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+==ERROR)|SUMMARY|Done'
  return "${PIPESTATUS[0]}"
}

PASSED=0 FAILED=0 FAILED_NAMES=()
# suite NAME COMMAND...: run one test suite, counting it.
suite() {
  local name=$1
  shift
  if "$@"; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); FAILED_NAMES+=("$name"); fi
}

run_tests() {
  say "C tests, CLI tests and numpy differential tests (ctest)"
  suite ctest bash -c 'cd build/native && ctest --output-on-failure'
  build_sanitized
  say "the same C tests under ASan + UBSan (the numpy differential's 89 CLI runs: natively only)"
  suite ctest-sanitizers bash -c 'cd build/asan && ctest --output-on-failure -E numpy_differential'
  say "valgrind on a CLI run"
  suite valgrind valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect -q \
    build/native/tinygan train --epochs 3000 --g-out sigmoid --optimizer adam --json --sample 8 \
    --losses build/valgrind-losses.csv
  build_fuzzer
  suite fuzz run_fuzz "${TINYGAN_FUZZ_SECONDS:-60}"
  say "Node tests of the wasm module (node --test tests/node)"
  suite node node --test tests/node
  say "browser tests (node --test tests/browser, Debian's chromium)"
  suite browser node --test --test-concurrency=1 tests/browser
  if ((FAILED)); then say "failed suites: ${FAILED_NAMES[*]}"; fi
  echo "suites: $PASSED passed, $FAILED failed"
  ((FAILED == 0))
}

cmd=${1:-build}
case "$cmd" in
  build)
    ensure_tools build
    build_all
    say "done: build/native/tinygan and dist/"
    ;;
  test)
    ensure_tools test
    build_all
    run_tests
    ;;
  bench)
    ensure_tools test
    build_all
    say "benchmark: numpy reference vs native CLI vs wasm in Node"
    node tests/bench/bench.mjs
    for script in tests/browser/bench-*.mjs; do
      [[ -e $script ]] || continue
      say "browser benchmark: $script"
      node "$script"
    done
    ;;
  fuzz)
    seconds=${2:-60}
    [[ $seconds =~ ^[0-9]+$ ]] || { echo "build.sh: fuzz takes a number of seconds, got '$seconds'" >&2; exit 2; }
    ensure_tools fuzz
    build_fuzzer
    run_fuzz "$seconds"
    ;;
  serve)
    port=${2:-8000}
    [[ $port =~ ^[0-9]+$ ]] || { echo "build.sh: serve takes a port number, got '$port'" >&2; exit 2; }
    ensure_tools serve
    build_all
    exec node tests/support/server.mjs dist "$port"
    ;;
  *)
    echo "usage: ./build.sh [build | test | serve [port] | bench | fuzz [seconds]]" >&2
    exit 2
    ;;
esac
