#!/usr/bin/python3
"""Bit-exact check of tinygan's random stream (src/tg_rng.c) against numpy's legacy RandomState.

    /usr/bin/python3 tests/numpy/rng_check.py [PATH/TO/rng_dump]

Without an argument it compiles tests/numpy/rng_dump.c with src/tg_rng.c (cc -O2 -ffp-contract=off)
into a temporary directory. For each seed it replays a few scripts of draws on a freshly seeded
stream in C and in numpy (np.random.seed and the same module-level calls the reference makes) and
compares every value bit for bit, and the generator's full state (624 words, position, cached
gaussian) at the end of each script. Exit status 0 when all agree, 1 on any mismatch (each is named:
seed, script, draw, index, both values), 2 if the C program cannot be built or run.
"""
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEEDS = [0, 1, 42, 12345, 2**31, 4294967295]

# Each script runs on its own freshly seeded stream. Ops: ("u32", n), ("double", n), ("gauss", n),
# ("uniform", lo, hi, n), ("normal", mu, sigma, n), ("state",).
SCRIPTS = {
    # 700 raw words: the first twist happens at word 624
    "raw": [("u32", 700), ("state",)],
    # 400 doubles take 800 words
    "doubles": [("double", 400), ("state",)],
    # odd counts leave the second polar value cached; it must survive other draws in between
    "gauss-cache": [("gauss", 7), ("state",), ("gauss", 1), ("gauss", 1), ("double", 3), ("gauss", 5),
                    ("u32", 1), ("gauss", 1), ("state",), ("gauss", 401), ("state",)],
    "uniform-normal": [("uniform", -0.4, -0.7, 333), ("normal", 0.0, 0.02, 333), ("state",),
                       ("uniform", 0.4, 1.0, 5), ("normal", 0.0, 0.02, 1), ("state",)],
    # the chapter's order: 3+3 initial weights one at a time, 32 slopes, 3 residuals per image, then
    # two batches of latents per epoch, then the sample
    "chapter": [("gauss", 1)] * 6 + [("uniform", -0.4, -0.7, 32)] + [("normal", 0.0, 0.02, 3)] * 32
               + [("uniform", 0.4, 1.0, 32)] * 40 + [("state",)],
}


def op_arg(op):
    return ":".join(str(x) for x in op)  # floats print with repr, which strtod reads back exactly


def numpy_values(op):
    """Run one op on numpy's global legacy stream; returns a list of ints or floats."""
    kind = op[0]
    if kind == "u32":
        return [int(v) for v in np.random.mtrand._rand._bit_generator.random_raw(op[1])]
    if kind == "double":
        return np.random.random_sample(op[1]).tolist()
    if kind == "gauss":
        return [float(np.random.randn())] if op[1] == 1 else np.random.randn(op[1]).tolist()
    if kind == "uniform":
        return np.random.uniform(op[1], op[2], op[3]).tolist()
    if kind == "normal":
        return np.random.normal(op[1], op[2], op[3]).tolist()
    if kind == "state":
        name, key, pos, has_gauss, cached = np.random.get_state()
        assert name == "MT19937"
        return [int(k) for k in key] + [int(pos), int(has_gauss), float(cached)]
    raise ValueError(op)


def c_types(op):
    """The Python type of each value the C side prints for this op."""
    if op[0] == "u32":
        return [int] * op[1]
    if op[0] == "state":
        return [int] * 626 + [float]
    return [float] * op[-1]


def same(a, b):
    if isinstance(a, float):
        return struct.pack("<d", a) == struct.pack("<d", b)  # bit for bit: tells -0.0 from 0.0
    return a == b


def numpy_self_check(seed):
    """The raw words we read from numpy must be RandomState's own stream: rebuild random_sample from
    them (and from a separately legacy-seeded MT19937) and compare."""
    bg = np.random.MT19937()
    bg._legacy_seeding(seed)
    words = [int(w) for w in bg.random_raw(200)]
    np.random.seed(seed)
    words2 = [int(w) for w in np.random.mtrand._rand._bit_generator.random_raw(200)]
    rebuilt = [((words[2 * i] >> 5) * 67108864.0 + (words[2 * i + 1] >> 6)) / 9007199254740992.0 for i in range(100)]
    want = np.random.RandomState(seed).random_sample(100).tolist()
    problems = []
    if words != words2:
        problems.append("MT19937._legacy_seeding and np.random.seed give different raw words")
    for i, (x, y) in enumerate(zip(rebuilt, want)):
        if not same(x, y):
            problems.append(f"double {i} rebuilt from raw words {x!r} != random_sample {y!r}")
            break
    return problems


def main(argv):
    tmp = None
    if len(argv) > 1:
        dump = argv[1]
    else:
        tmp = tempfile.TemporaryDirectory(prefix="tg_rng_check.")
        dump = os.path.join(tmp.name, "rng_dump")
        cmd = ["cc", "-O2", "-ffp-contract=off", "-I" + os.path.join(ROOT, "src"),
               os.path.join(ROOT, "tests", "numpy", "rng_dump.c"), os.path.join(ROOT, "src", "tg_rng.c"),
               "-lm", "-o", dump]
        built = subprocess.run(cmd, capture_output=True, text=True)
        if built.returncode != 0:
            print("rng_check: cannot build rng_dump:\n  " + " ".join(cmd) + "\n" + built.stderr, file=sys.stderr)
            return 2

    passed = failed = 0
    values_compared = 0
    for seed in SEEDS:
        problems = numpy_self_check(seed)
        for p in problems:
            print(f"FAIL seed {seed} numpy-self-check: {p}")
        failed += bool(problems)
        passed += not problems

        for name, script in SCRIPTS.items():
            run = subprocess.run([dump, str(seed)] + [op_arg(op) for op in script], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"rng_check: {dump} failed (exit {run.returncode}): {run.stderr.strip()}", file=sys.stderr)
                return 2
            lines = run.stdout.split()
            np.random.seed(seed)
            at = 0
            mismatches = []
            for k, op in enumerate(script):
                ref = numpy_values(op)
                types = c_types(op)
                got = [t(s) for t, s in zip(types, lines[at:at + len(types)])]
                at += len(types)
                if len(got) != len(ref):
                    mismatches.append(f"op {k} {op_arg(op)}: C printed {len(got)} values, numpy gave {len(ref)}")
                    break
                for i, (c, n) in enumerate(zip(got, ref)):
                    values_compared += 1
                    if not same(c, n):
                        mismatches.append(f"op {k} {op_arg(op)} index {i}: C {c!r} != numpy {n!r}")
            if at != len(lines):
                mismatches.append(f"C printed {len(lines)} values, expected {at}")
            if mismatches:
                failed += 1
                print(f"FAIL seed {seed} script {name}: {len(mismatches)} mismatch(es)")
                for m in mismatches[:10]:
                    print("    " + m)
            else:
                passed += 1
    if tmp:
        tmp.cleanup()
    print(f"({len(SEEDS)} seeds x ({len(SCRIPTS)} scripts + numpy self-check); {values_compared} values compared)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
