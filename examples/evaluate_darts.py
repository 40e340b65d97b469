#!/usr/bin/env python3
"""A stand-in for training a DARTS network, for trying `agnet init --space darts`.

It reads the genotype exactly as DARTS code does (`eval` with the Genotype namedtuple), checks
it, and prints a made-up, deterministic "validation accuracy": a smooth score that prefers
separable convolutions in the normal cell, deeper cells (nodes reading intermediate nodes),
pooling in the reduction cell and few skip connections, plus a small noise term fixed by the
genotype. It trains nothing; a real script would build `NetworkCIFAR(C, classes, layers,
auxiliary, genotype)` and train it.

    python3 examples/evaluate_darts.py --cell "Genotype(normal=[...], normal_concat=[2, 3, 4, 5], ...)"
    AGNET_CELL="Genotype(...)" python3 examples/evaluate_darts.py
"""
import argparse
import hashlib
import os
import sys
from collections import namedtuple

Genotype = namedtuple('Genotype', 'normal normal_concat reduce reduce_concat')
OPS = ['max_pool_3x3', 'avg_pool_3x3', 'skip_connect', 'sep_conv_3x3', 'sep_conv_5x5', 'dil_conv_3x3', 'dil_conv_5x5']
NORMAL_GAIN = {'sep_conv_3x3': 0.55, 'sep_conv_5x5': 0.45, 'dil_conv_3x3': 0.35, 'dil_conv_5x5': 0.30,
               'skip_connect': 0.05, 'max_pool_3x3': -0.10, 'avg_pool_3x3': -0.05}
REDUCE_GAIN = {'max_pool_3x3': 0.30, 'avg_pool_3x3': 0.20, 'sep_conv_3x3': 0.25, 'sep_conv_5x5': 0.20,
               'dil_conv_3x3': 0.15, 'dil_conv_5x5': 0.10, 'skip_connect': 0.0}


def check(cell, name):
    if len(cell) != 8:
        sys.exit(f"{name} has {len(cell)} edges, not 8")
    for index, (op, node) in enumerate(cell):
        if op not in OPS or not 0 <= node <= index // 2 + 1:
            sys.exit(f"{name} edge {index} ({op}, {node}) is not a DARTS edge")


def score(genotype):
    check(genotype.normal, 'normal')
    check(genotype.reduce, 'reduce')
    value = 90.0
    value += sum(NORMAL_GAIN[op] for op, _ in genotype.normal)
    value += sum(REDUCE_GAIN[op] for op, _ in genotype.reduce)
    value += 0.15 * sum(1 for _, node in genotype.normal if node >= 2)   # depth
    skips = sum(1 for op, _ in genotype.normal if op == 'skip_connect')
    value -= 0.4 * max(0, skips - 2) ** 2                                # skip collapse
    noise = int(hashlib.sha256(repr(genotype).encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return round(value + 0.3 * (noise - 0.5), 4)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--cell', default=os.environ.get('AGNET_CELL'), help='the genotype text (default: $AGNET_CELL)')
    args = parser.parse_args()
    if not args.cell:
        sys.exit('give --cell or set AGNET_CELL')
    genotype = eval(args.cell)  # what DARTS's train.py does with genotypes.py entries
    print(score(genotype))


if __name__ == '__main__':
    main()
