#!/usr/bin/env bash
# Builds the tests under ThreadSanitizer and AddressSanitizer and runs the whole suite under each,
# in their own scratch folders (.build-tsan/, .build-asan/). Each build and each test run has a time
# bound. Exits non-zero when a build fails or times out, a test fails, or a sanitizer reports
# anything, in the test process or in a `ballast` child it starts (the children are sanitized too).
#
#   scripts/sanitizers.sh                 # both: thread, then address
#   scripts/sanitizers.sh thread          # one of them
#
# Bounds: 300 s per build, 420 s per test run (measured on 2 cores: builds 50-110 s, runs 125-160 s),
# so one sanitizer takes at most 12 min; change them with SANITIZER_BUILD_TIMEOUT and SANITIZER_TEST_TIMEOUT.
# Reports are written to files (log_path), so tests that compare a child's stderr are not disturbed,
# and a report from a child whose stderr a test discards is not lost; the files are kept in
# .build-<tsan|asan>/sanitizer-logs/ and the first few are printed on failure.
# Suppressions, each with the reason for it: scripts/sanitizers/ (see README.md there).
#
# Skipped under the sanitizers (SANITIZER_SKIP, a --skip regex; empty runs everything): the paired statistical
# effect tests of the tokenomics, the stability pool and the lock-up boosts, which run the same engine 32 to 128
# times to measure a direction. Under ThreadSanitizer they took longer than the rest of the suite together. The
# same code still runs sanitized: their accounting tests (theCostAccountingBalances, everyBookBalancesWithThePool,
# theLockStreamIsCostedAndConserved) drive every instrument through the engine, and the unit tests drive every
# operation.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

build_timeout="${SANITIZER_BUILD_TIMEOUT:-300}"
test_timeout="${SANITIZER_TEST_TIMEOUT:-420}"
skip="${SANITIZER_SKIP-TokenomicsEffectTests|TokenomicsBackstopTests/(theMintedBackstop|withdrawalFees)|StabilityPoolEffectTests/(aFundedPool|providersLeave|emissionsKeep)|LockBoostTests/(locksHold|aBoost|theStream)}"
sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(thread address)
for s in "${sanitizers[@]}"; do
  case "$s" in thread|address) ;; *) echo "unknown sanitizer '$s' (expected thread or address)" >&2; exit 2 ;; esac
done

summary=()
failed=0

run_one() {
  local sanitizer="$1" short scratch logs output options_var options build_s test_s status
  case "$sanitizer" in
    thread) short=tsan ;;
    address) short=asan ;;
  esac
  scratch=".build-$short"
  logs="$root/$scratch/sanitizer-logs"
  output="$root/$scratch/sanitizer-test.log"

  echo "== $sanitizer: build (bound ${build_timeout} s)" >&2
  local start=$SECONDS
  timeout --kill-after=30 "$build_timeout" \
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" 2>&1 \
    | grep -E "error|warning: .*(Sources|Tests)/|Build complete" >&2
  status=${PIPESTATUS[0]}
  build_s=$((SECONDS - start))
  if [ "$status" -ne 0 ]; then
    [ "$status" -eq 124 ] && echo "$sanitizer: build timed out after ${build_timeout} s" >&2
    summary+=("$sanitizer: build FAILED (status $status) after ${build_s} s")
    return 1
  fi

  rm -rf "$logs" && mkdir -p "$logs"
  if [ "$sanitizer" = thread ]; then
    options_var=TSAN_OPTIONS
    options="log_path=$logs/tsan"
    [ -f scripts/sanitizers/tsan.supp ] && options="$options:suppressions=$root/scripts/sanitizers/tsan.supp"
  else
    options_var=ASAN_OPTIONS
    options="log_path=$logs/asan:detect_leaks=1"
    export LSAN_OPTIONS="suppressions=$root/scripts/sanitizers/lsan.supp:print_suppressions=0"
  fi

  echo "== $sanitizer: test (bound ${test_timeout} s)" >&2
  start=$SECONDS
  env "$options_var=$options" timeout --kill-after=30 "$test_timeout" \
    swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" ${skip:+--skip "$skip"} > "$output" 2>&1
  status=$?
  test_s=$((SECONDS - start))
  grep -E "^(✔|✘) Test run with|^✘ |RepeatedKillTests:" "$output" >&2

  local verdict=passed
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    verdict="TIMED OUT after ${test_timeout} s"
  elif [ "$status" -ne 0 ]; then
    verdict="FAILED (status $status; output in $scratch/sanitizer-test.log)"
  fi
  # Reports from any process: the files, and the test output in case one went to stderr anyway.
  local reports
  reports=$(find "$logs" -type f | wc -l)
  if [ "$reports" -gt 0 ] || grep -qE "WARNING: ThreadSanitizer|ERROR: (Address|Leak)Sanitizer" "$output"; then
    verdict="SANITIZER REPORT ($reports file(s) in $scratch/sanitizer-logs)"
    # The first few in full enough to see the stacks; the rest are listed in the folder.
    find "$logs" -type f | sort | head -5 | while read -r f; do echo "--- $f" >&2; head -60 "$f" >&2; done
  fi
  summary+=("$sanitizer: build ${build_s} s, test ${test_s} s: $verdict")
  [ "$verdict" = passed ]
}

for s in "${sanitizers[@]}"; do
  run_one "$s" || failed=1
done

echo "== summary" >&2
printf '%s\n' "${summary[@]}" >&2
exit "$failed"
