#!/usr/bin/python3
"""Time the numpy reference (tests/numpy/reference.py) on the chapter's run, in-process so that
Python's start-up, numpy's import and its first calls (a short warm-up run) are not counted.
Prints one JSON line: {"seconds": [...]}.

    /usr/bin/python3 tests/bench/numpy_time.py [runs] [epochs]
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "numpy"))
import reference  # noqa: E402

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
reference.run(42, 100, 32, 0.001, 0.001)  # warm-up: numpy's first calls (LAPACK's pinv, sort) are not timed
seconds = []
for _ in range(runs):
    start = time.perf_counter()
    reference.run(42, epochs, 32, 0.001, 0.001)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"seconds": seconds}))
