#!/usr/bin/env python3
"""A stand-in for a training script, for trying `agnet evaluate` and `agnet ask`/`tell`.

It does not train anything: it looks the cell up in the NAS-Bench-201 table shipped with agnet and prints
the recorded validation accuracy (the search metric) and test accuracy (the report metric) as the
JSON object agnet reads from the last line of a command's output. A real script would build the
network for the cell, train it, and print its validation accuracy the same way.

    python3 examples/evaluate_nb201.py --cell '|nor_conv_3x3~0|+|...|'
    AGNET_CELL='|...|' python3 examples/evaluate_nb201.py

With --run DIR it is the whole search instead, in one process, through the agnet Python package
(docs/python.md; pip install ./python, else this checkout's copy is used): every cell of the
ask/tell run DIR is looked up and told until the run is finished, with no process per cell.

    python3 examples/evaluate_nb201.py --run runs/check

Options: --table (default: $AGNET_DATA/nasbench201/nasbench201.csv, else the shipped table
Sources/Benchmarks/Data/nasbench201/nasbench201.csv of this repository), --dataset cifar10 |
cifar100 | imagenet16.
"""
import argparse
import csv
import json
import os
import sys


def default_table():
    data = os.environ.get("AGNET_DATA")
    if data:
        return os.path.join(data, "nasbench201", "nasbench201.csv")
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "Sources", "Benchmarks", "Data", "nasbench201", "nasbench201.csv")


def lookup(path, dataset):
    """arch string -> (validation accuracy, test accuracy) of the table."""
    with open(path, newline="") as handle:
        return {row["arch"]: (float(row[dataset + "_valid_acc"]), float(row[dataset + "_test_acc"]))
                for row in csv.DictReader(handle)}


def search(run, table):
    try:
        import agnet
    except ImportError:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "src"))
        import agnet
    study = agnet.load_study(run)
    study.optimize(lambda trial: {"value": table[trial.cell][0], "report": table[trial.cell][1]})
    print(f"evaluate_nb201.py: {run} is finished; best {study.best}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cell", default=os.environ.get("AGNET_CELL"), help="the arch string (default: $AGNET_CELL)")
    parser.add_argument("--table", default=default_table())
    parser.add_argument("--dataset", default="cifar10", choices=["cifar10", "cifar100", "imagenet16"])
    parser.add_argument("--run", help="evaluate every cell of this ask/tell run through the agnet package")
    args = parser.parse_args()
    if args.run:
        return search(args.run, lookup(args.table, args.dataset))
    if not args.cell:
        sys.exit("evaluate_nb201.py: no cell (give --cell or set AGNET_CELL)")
    table = lookup(args.table, args.dataset)
    if args.cell not in table:
        sys.exit(f"evaluate_nb201.py: {args.cell} is not in {args.table}")
    valid, test = table[args.cell]
    print(f"looked up {args.cell} in {args.table}", file=sys.stderr)
    print(json.dumps({"value": valid, "report": test}))


if __name__ == "__main__":
    main()
