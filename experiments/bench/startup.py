#!/usr/bin/env python3
"""Start-up time of `ballast run` on the reference scenario: from just before the process is started to the
end of its first tick, on one monotonic clock (this script's time.monotonic() against the CLOCK_MONOTONIC
reading `ballast run --timings` prints at its first tick). Prints each run, then the min and the median.

Usage: python3 experiments/bench/startup.py BALLAST [RUNS]   (from the repository root)
"""
import re
import statistics
import subprocess
import sys
import tempfile
import time

ballast = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 12
times = []
with tempfile.TemporaryDirectory() as out:
    for _ in range(runs):
        start = time.monotonic()
        p = subprocess.run(
            [ballast, "run", "experiments/reference/reference.yaml", "--timings", "--quiet", "--out", out],
            capture_output=True, text=True, check=True)
        m = re.search(r"CLOCK_MONOTONIC ([0-9.]+) s", p.stderr)
        if m is None:
            sys.exit("no timings line in: " + p.stderr)
        times.append((float(m.group(1)) - start) * 1000)
        print(f"{times[-1]:.1f} ms")
print(f"first tick after start: min {min(times):.1f} ms, median {statistics.median(times):.1f} ms over {runs} runs")
