#!/usr/bin/env python3
"""The final architecture of an agnet-tenas trial, as AG-Net's TE-NAS search chooses it: the told
genotype with the smallest rank sum over every evaluation of the trial (linear_regions ranked
from the highest, ntk_condition from the lowest; ties go to the earlier evaluation; a missing
proxy ranks last). Same rule as TENASRanking in Sources/AGNet/Search.

  python3 examples/tenas_final.py RUN/trial-0.json
"""
import json
import math
import sys


def ranks(keys):
    order = sorted(range(len(keys)), key=lambda i: (keys[i], i))
    result = [0] * len(keys)
    for rank, index in enumerate(order):
        result[index] = rank
    return result


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tenas_final.py TRIAL_JSON")
    try:
        with open(sys.argv[1]) as handle:
            queries = json.load(handle)["queries"]
    except (OSError, ValueError, KeyError) as error:
        sys.exit(f"{sys.argv[1]}: not an agnet trial file ({error})")

    def proxy(query, name, worst):
        value = (query.get("costs") or {}).get(name)
        return value if isinstance(value, (int, float)) and math.isfinite(value) else worst

    regions = ranks([-proxy(q, "linear_regions", -math.inf) for q in queries])
    ntk = ranks([proxy(q, "ntk_condition", math.inf) for q in queries])
    sums = [r + k for r, k in zip(regions, ntk)]
    best = min(range(len(queries)), key=lambda i: (sums[i], i))
    q = queries[best]
    print(json.dumps({"evaluation": best, "rank_sum": sums[best], "costs": q.get("costs"), "genotype": q["cell"]}, sort_keys=True))


if __name__ == "__main__":
    main()
