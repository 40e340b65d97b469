#!/usr/bin/env bash
# Builds and runs a package that depends on AGNet by version, as a Swift user would:
# `.package(url: …, from: "0.1.0")` and `import Benchmarks` from the AGNetKit product. SwiftPM
# refuses unsafe build flags in such a dependency, and the shipped tables must be found from the
# consumer's own binary. The committed state of this checkout is what gets tagged.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone --quiet "$root" "$work/agnet"
git -C "$work/agnet" tag 0.1.0
mkdir -p "$work/consumer/Sources/Consumer"
cat > "$work/consumer/Package.swift" <<MANIFEST
// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Consumer",
  dependencies: [.package(url: "file://$work/agnet", from: "0.1.0")],
  targets: [.executableTarget(name: "Consumer", dependencies: [.product(name: "AGNetKit", package: "agnet")])]
)
MANIFEST
cat > "$work/consumer/Sources/Consumer/main.swift" <<'SWIFT'
import Benchmarks

// The shipped NAS-Bench-201 table, found from this binary with no data directory.
let table = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: .resolve(commandLine: nil, environment: ["HOME": "/nonexistent"]))
let best = table.optimum!.bestBySearch[0]
print("cells \(table.count), best validation \(best.searchValue), its test \(best.reportValue)")
SWIFT
cd "$work/consumer"
swift build 2>&1 | tail -3
output="$(.build/debug/Consumer)"
echo "$output"
[[ "$output" == "cells 15625, best validation 91.606667, its test 94.373333" ]] || { echo "check-consumer: unexpected output" >&2; exit 1; }
echo "check-consumer: a package depending on AGNet 0.1.0 builds and reads the shipped tables"
