#!/usr/bin/env bash
# Builds the libFuzzer harness in Fuzz/ and fuzzes each decoder (scenario, study, csv) for a bounded time.
#
#   scripts/fuzz.sh [SECONDS]        SECONDS per decoder, default 60
#
# Steps: build (swift build -c release --sanitize=fuzzer, in Fuzz/), replay every committed input in
# Fuzz/Regressions/<decoder>/, then fuzz each decoder with -max_total_time=SECONDS. New crashes, hangs and
# out-of-memory inputs are written to Fuzz/Crashes/ (ignored by git). Exits 1 if a regression or the fuzzer
# failed, 2 on a usage or build problem, 0 otherwise.
#
# Environment:
#   FUZZ_TARGETS        decoders to fuzz, default "scenario study csv"
#   FUZZ_BUILD_PREFIX   command words put before `swift build`, e.g. "nice -n 15 flock /tmp/build.lock"
#   FUZZ_SKIP_BUILD=1   use the binary already built
set -uo pipefail

seconds=${1:-60}
if ! [[ $seconds =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
    echo "usage: scripts/fuzz.sh [SECONDS]   (SECONDS per decoder, a whole number >= 1; got '$seconds')" >&2
    exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/Fuzz"
read -r -a targets <<< "${FUZZ_TARGETS:-scenario study csv}"
max_len=4096
timeout=10
rss_mb=2048

if [[ ${FUZZ_SKIP_BUILD:-0} != 1 ]]; then
    echo "== build (release, -sanitize=fuzzer)"
    start=$SECONDS
    # shellcheck disable=SC2086 # the prefix is meant to split into words
    if ! ${FUZZ_BUILD_PREFIX:-} swift build -c release --sanitize=fuzzer --package-path "$fuzz"; then
        echo "fuzz: the build failed" >&2
        exit 2
    fi
    echo "fuzz: built in $((SECONDS - start)) s"
fi
bin=$(swift build -c release --sanitize=fuzzer --package-path "$fuzz" --show-bin-path)/ballast-fuzz
if [[ ! -x $bin ]]; then
    echo "fuzz: no harness at $bin (build it first)" >&2
    exit 2
fi

# Swift's own crash backtracer would catch the trap first and end the process before libFuzzer can
# save the input; libFuzzer's handler is the one that writes Fuzz/Crashes/<decoder>-crash-<sha1>.
export SWIFT_BACKTRACE=enable=no

# The harness writes its scratch files (prices.csv, scenario.yaml) under TMPDIR.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch

work="$fuzz/.work"
mkdir -p "$fuzz/Crashes" "$work"
failed=0

dictionary() {
    case $1 in
        csv) echo "-dict=$fuzz/csv.dict" ;;
        *) echo "-dict=$fuzz/ballast.dict" ;;
    esac
}

echo "== regressions"
for t in "${targets[@]}"; do
    inputs=()
    if [[ -d $fuzz/Regressions/$t ]]; then
        while IFS= read -r -d '' f; do inputs+=("$f"); done \
            < <(find "$fuzz/Regressions/$t" -type f ! -name '*.md' -print0 | sort -z)
    fi
    if (( ${#inputs[@]} == 0 )); then
        echo "$t: no regression inputs"
        continue
    fi
    log="$work/regressions-$t.log"
    if BALLAST_FUZZ_TARGET=$t "$bin" -timeout=$timeout -rss_limit_mb=$rss_mb "${inputs[@]}" < /dev/null > "$log" 2>&1; then
        echo "$t: ${#inputs[@]} regression inputs pass"
    else
        echo "$t: REGRESSION FAILED (log: $log)"
        grep -E "^(==[0-9]+== ERROR|Fatal error|ballast-fuzz:|Running: )" "$log" | tail -n 20
        failed=1
    fi
done

echo "== fuzz, ${seconds} s per decoder"
for t in "${targets[@]}"; do
    corpus="$work/corpus/$t"      # grows from run to run; the committed seeds stay untouched
    mkdir -p "$corpus"
    log="$work/fuzz-$t.log"
    BALLAST_FUZZ_TARGET=$t "$bin" "$corpus" "$fuzz/Corpus/$t" "$(dictionary "$t")" \
        -max_total_time="$seconds" -max_len=$max_len -timeout=$timeout -rss_limit_mb=$rss_mb \
        -artifact_prefix="$fuzz/Crashes/$t-" -print_final_stats=1 < /dev/null > "$log" 2>&1
    status=$?
    done_line=$(grep -E "^Done [0-9]+ runs in [0-9]+ second" "$log" | tail -n 1)
    if (( status == 0 )); then
        echo "$t: ${done_line:-finished} (log: $log)"
    else
        runs=$(grep -E "^stat::number_of_executed_units:" "$log" | awk '{print $2}')
        echo "$t: FAILED with status $status after ${runs:-?} runs (log: $log)"
        grep -E "^(==[0-9]+== ERROR|SUMMARY|Fatal error|ballast-fuzz:|artifact_prefix|Test unit written)" "$log" | tail -n 20
        failed=1
    fi
done

if (( failed )); then
    echo "fuzz: FAILED (inputs in $fuzz/Crashes/; replay one with: BALLAST_FUZZ_TARGET=<decoder> BALLAST_FUZZ_VERBOSE=1 $bin FILE)"
    exit 1
fi
echo "fuzz: no crash found"
