#!/usr/bin/env python3
"""The PyTorch side of `agnet bench neural`: the same GRU message-passing layer and Adam step, timed
the same way (median of the timed runs after a tenth as many warm-up runs), on one thread.

    pip install "torch==2.13.0+cpu" --index-url https://download.pytorch.org/whl/cpu
    python3 scripts/bench-pytorch.py [--repetitions 300]

Prints one line like `agnet bench neural`: gru_layer_us (forward + backward, 64 graphs × 8 nodes,
messages Linear(32→32) on concat(h_source, h_target) of 16-wide states, summed per target with
index_add, then GRUCell(32→16)); adam_50k_us for torch.optim.Adam with weight decay 1e-4 over one
50,000-parameter tensor, in its default (foreach) and fused implementations. Compare side by side
with `agnet bench neural` in the same minutes: this machine's speed moves 2–3× between days.
"""
import argparse
import statistics
import time

import torch

DAG_EDGES = [(0, 1), (0, 2), (0, 4), (1, 3), (1, 5), (2, 6), (3, 6), (4, 7), (5, 7), (6, 7)]


def median_us(repetitions, body):
    for _ in range(max(1, repetitions // 10)):
        body()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) * 1e6)
    return statistics.median(times)


def gru_layer_us(repetitions, graphs=64):
    torch.manual_seed(1)
    message = torch.nn.Linear(32, 32)
    cell = torch.nn.GRUCell(32, 16)
    nodes = 8 * graphs
    states = torch.empty(nodes, 16).uniform_(-1, 1)
    sources = torch.tensor([8 * g + s for g in range(graphs) for s, _ in DAG_EDGES])
    targets = torch.tensor([8 * g + t for g in range(graphs) for _, t in DAG_EDGES])
    parameters = list(message.parameters()) + list(cell.parameters())

    def step():
        for p in parameters:
            p.grad = None
        h = states.clone().requires_grad_(True)
        messages = message(torch.cat([h[sources], h[targets]], dim=1))
        summed = torch.zeros(nodes, 32).index_add(0, targets, messages)
        cell(summed, h).sum().backward()

    return median_us(repetitions, step)


def adam_us(repetitions, fused, parameters=50_000):
    torch.manual_seed(1)
    p = torch.nn.Parameter(torch.empty(parameters).uniform_(-1, 1))
    p.grad = torch.empty(parameters).uniform_(-1, 1)
    adam = torch.optim.Adam([p], lr=1e-3, weight_decay=1e-4, fused=fused or None, foreach=None if fused else True)
    return median_us(repetitions, adam.step)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repetitions", type=int, default=300)
    args = parser.parse_args()
    torch.set_num_threads(1)
    gru = gru_layer_us(args.repetitions)
    foreach = adam_us(5 * args.repetitions, fused=False)
    fused = adam_us(5 * args.repetitions, fused=True)
    print(f"gru_layer_us={gru:.1f} adam_50k_us={foreach:.1f} adam_50k_fused_us={fused:.1f} torch={torch.__version__} threads=1")


if __name__ == "__main__":
    main()
