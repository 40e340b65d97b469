#!/usr/bin/env bash
# Fuzzes the table and cell-string parsers: random mutations of valid inputs, each of which must
# load or fail with an InputError, never trap (Tests/BenchmarksTests/ParserFuzzTests.swift).
#
#   scripts/fuzz-parsers.sh [ITERATIONS [SEED]]     defaults: 20000 iterations, a seed from the clock
#
# A run that crashes leaves the input it was on in fuzz-out/crash-SEED.bin: add it to
# ParserFuzzTests.regressions (as a string literal) and fix the parser.
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-20000}
seed=${2:-$(date +%s)}
out=fuzz-out
mkdir -p "$out"
rm -f "$out/current-input"
echo "fuzzing parsers: $iterations iterations, seed $seed"
if AGNET_FUZZ_ITERATIONS=$iterations AGNET_FUZZ_SEED=$seed AGNET_FUZZ_OUT=$out \
    swift test --filter ParserFuzzTests >"$out/log-$seed.txt" 2>&1; then
  grep -E "Executed [0-9]+ tests" "$out/log-$seed.txt" | tail -1
  echo "no crash, no failure (log: $out/log-$seed.txt)"
else
  if [ -f "$out/current-input" ]; then
    cp "$out/current-input" "$out/crash-$seed.bin"
    echo "FAILED: the last input tried is in $out/crash-$seed.bin (log: $out/log-$seed.txt)"
  else
    echo "FAILED before any input was tried (log: $out/log-$seed.txt)"
  fi
  grep -E "error:|Fatal error|signal" "$out/log-$seed.txt" | head -5 || true
  exit 1
fi
