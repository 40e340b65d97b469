#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers with libFuzzer and the address sanitizer (leaks included):
# the harnesses of fuzz/Package.swift, one per parser (CSV table, cell texts, TFRecord/protobuf,
# tell lines), each started from its seed corpus in fuzz/corpus/HARNESS.
#
#   scripts/fuzz-libfuzzer.sh [SECONDS_PER_HARNESS [HARNESS...]]   defaults: 300 s, every harness
#
# Inputs that grow coverage go to fuzz-out/HARNESS/corpus (the seeds in git stay as they are). A
# crash, leak or time-out leaves its input in fuzz-out/HARNESS/ (crash-*, leak-*, timeout-*, oom-*):
# reproduce it with `fuzz/.build/release/HARNESS FILE`, add it as a regression test of the parser's
# Tests target and fix the parser. Exits 1 when any harness found something.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(FuzzTable FuzzCells FuzzTFRecord FuzzTell)

echo "building the harnesses (release, -sanitize=fuzzer,address)"
nice -n 10 swift build -c release --package-path fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >fuzz-out-build.log 2>&1 \
  || { grep -E "error" fuzz-out-build.log | head -5; echo "build failed (log: fuzz-out-build.log)"; exit 1; }
mkdir -p fuzz-out
mv fuzz-out-build.log fuzz-out/build.log

found=0
for harness in "${harnesses[@]}"; do
  out=fuzz-out/$harness
  mkdir -p "$out/corpus"
  log=$out/log.txt
  # libFuzzer exits non-zero on a finding; the summary below tells which.
  ASAN_OPTIONS=detect_leaks=1 nice -n 10 "fuzz/.build/release/$harness" "$out/corpus" "fuzz/corpus/$harness" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/" >"$log" 2>&1 || true
  runs=$(grep -E "^stat::number_of_executed_units" "$log" | awk '{print $2}')
  coverage=$(grep -E "^#[0-9]+" "$log" | tail -1 | grep -oE "cov: [0-9]+ ft: [0-9]+" || true)
  findings=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
  printf '%-13s %ss  runs %-10s %-20s findings: %s\n' "$harness" "$seconds" "${runs:-?}" "${coverage:-cov ?}" \
    "$([ -n "$findings" ] && echo "$findings" | tr '\n' ' ' || echo none)"
  if [ -n "$findings" ]; then
    found=1
    grep -E "ERROR: |SUMMARY: |Fatal error" "$log" | head -3 | sed 's/^/    /'
  fi
done
[ "$found" = 0 ] || { echo "FOUND problems: see fuzz-out/HARNESS/log.txt"; exit 1; }
echo "no crash, leak or time-out"
