#!/usr/bin/env python3
"""Writes the shipped NAS-Bench tables keyed by the cell text of spaces/nasbench201.toml and
spaces/nasbench101.toml (docs/spaces.md), for `agnet search --space spaces/X.toml --table T`.

  python3 scripts/space-file-tables.py nasbench201 OUT.csv   # cell, valid, test, params_m (CIFAR-10)
  python3 scripts/space-file-tables.py nasbench101 OUT.csv   # cell, valid (108 epochs), params

NAS-Bench-201: the arch string's six edges in its order (0→1, 0→2, 1→2, 0→3, 1→3, 2→3) are the
file's edges ordered by target, then source. NAS-Bench-101: edges from adjacency_bits (edge x→y is
bit y·(y−1)/2 + x), interior ops from the op codes (0 conv3x3, 1 conv1x1, 2 maxpool3x3); the text
is of the table's own labelling, which agnet reads as its isomorphism class.
"""
import csv
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "Benchmarks", "Data")
NB201_EDGES = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]
NB101_OPS = ["conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3"]


def text(cell):
    return json.dumps(cell, separators=(",", ":"), sort_keys=True)


def nasbench201(writer):
    with open(os.path.join(ROOT, "nasbench201", "nasbench201.csv"), newline="") as handle:
        writer.writerow(["cell", "valid", "test", "params_m"])
        for row in csv.DictReader(handle):
            ops = [part.split("~")[0] for part in row["arch"].replace("+", "").split("|") if part]
            edges = [[i, j, op] for (i, j), op in zip(NB201_EDGES, ops)]
            writer.writerow([text({"edges": edges}), row["cifar10_valid_acc"], row["cifar10_test_acc"], row["cifar10_params_m"]])


def nasbench101(writer):
    with open(os.path.join(ROOT, "nasbench101", "nasbench101_sample30k.csv"), newline="") as handle:
        writer.writerow(["cell", "valid", "params"])
        for row in csv.DictReader(handle):
            n, bits = int(row["vertices"]), int(row["adjacency_bits"])
            edges = [[x, y] for y in range(1, n) for x in range(y) if bits >> (y * (y - 1) // 2 + x) & 1]
            ops = [NB101_OPS[int(code)] for code in row["ops"]]
            writer.writerow([text({"edges": edges, "ops": ops}), row["valid_acc_108"], row["params"]])


def main(argv):
    if len(argv) != 2 or argv[0] not in ("nasbench201", "nasbench101"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    with open(argv[1], "w", newline="") as out:
        (nasbench201 if argv[0] == "nasbench201" else nasbench101)(csv.writer(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
