#!/usr/bin/env bash
# Builds and runs a package that depends on AGNet by version, as a Swift user would:
# `.package(url: …, from: "0.1.0")` and `import Benchmarks` (and the modules an optimizer's API shows) from the AGNetKit product. SwiftPM
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
import Baselines
import Benchmarks
import Optimization
import SearchSpaces

// The shipped NAS-Bench-201 table, found from this binary with no data directory.
let table = try BenchmarkCatalog.nasbench201(dataset: .cifar10, dataDirectory: .resolve(commandLine: nil, environment: ["HOME": "/nonexistent"]))
let best = table.optimum!.bestBySearch[0]
print("cells \(table.count), best validation \(best.searchValue), its test \(best.reportValue)")

// An optimizer driven through the public Optimizer seam, as a library user's own loop would.
let search = RandomSearch(domain: SearchDomain(space: table.space), seed: 0)
var told = 0
while told < 64 {
  let cells = try search.ask(limit: 16)
  try search.tell(cells.map { Evaluation(cell: $0, value: table.searchValue(of: $0)!) })
  told += cells.count
}
print("random search told \(told) cells")
SWIFT
cd "$work/consumer"
swift build 2>&1 | tail -3
output="$(.build/debug/Consumer)"
echo "$output"
expected="cells 15625, best validation 91.606667, its test 94.373333
random search told 64 cells"
[[ "$output" == "$expected" ]] || { echo "check-consumer: unexpected output" >&2; exit 1; }
echo "check-consumer: a package depending on AGNet 0.1.0 builds, reads the shipped tables and runs an optimizer"
