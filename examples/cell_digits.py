#!/usr/bin/env python3
"""Evaluator for cells of a space file: builds a network from the cell text and trains it briefly.

The cell is the one-line JSON text `agnet` prints for a cell of a space file (docs/spaces.md):

  operations on edges   {"edges":[[0,1,"nor_conv_3x3"],[0,2,"none"],[1,2,"skip_connect"],...]}
  operations on nodes   {"edges":[[0,1],[0,2],[1,3],...],"ops":["conv3x3-bn-relu",...]}
  several cell types    {"normal":{"edges":[...]},"reduce":{"edges":[...]}}

Nodes are numbered 0.. in topological order: node 0 is the cell's input, the last node its output.
With operations on edges a node is the sum of op(source) over its incoming edges (`none` edges
contribute nothing). With operations on nodes a node applies its op to the sum of its inputs and
the output is the sum of its inputs. Of several cell types, `reduce` (or `reduction`) cells are
used where the network halves the resolution, the first other type elsewhere.

The network: a 3x3 convolution stem to C channels, `--cells` cells at full resolution, a reduction
(the reduction cell type when the cell has one, else a strided 3x3 convolution to 2C), `--cells`
cells again, global average pooling and a linear classifier. It is trained for `--epochs` epochs
(Adam, lr 3e-3, batch 64) on scikit-learn's handwritten digits (1,797 8x8 images, 10 classes;
1,297 seeded for training, 500 held out) and scored by its accuracy on the held-out images, in
percent. The last line of output is the JSON object agnet reads, with the parameter count as a
cost (for `agnet-hw` or a constraint):

  {"costs": {"params": P}, "value": ACCURACY}

A cell whose input does not reach its output (every path cut by `none`) is a valid cell of a space
without a connectivity rule: its output is zeros, and its network scores at chance level (about
10 %), which is what such a cell is worth.

Usage:
  python3 examples/cell_digits.py --cell '{"edges":[[0,1,"nor_conv_3x3"],...]}'
  AGNET_CELL='{"edges":...}' python3 examples/cell_digits.py      # as `agnet evaluate` runs it
  python3 examples/cell_digits.py --self-test
  python3 examples/cell_digits.py --worker runs/mine --agnet .build/release/agnet   # one process

`--worker RUN` evaluates the cells of an ask/tell run in one process (claiming one at a time with
`agnet ask --count 1 --claim`, telling each) until the run is finished: it pays the torch import
(seconds) once instead of once an evaluation. Start one per core.

Results are deterministic given the cell, the options and --seed (one CPU thread). Bad cell text
exits with status 1 and one line naming the problem; command-line misuse with 64.
"""
import argparse
import json
import os
import sys
import time

# Operation name -> constructor key. NAS-Bench-201's and NAS-Bench-101's names, and DARTS's.
OPERATIONS = {
    "none": "zero", "zero": "zero",
    "skip_connect": "identity", "identity": "identity",
    "nor_conv_1x1": "conv1", "conv1x1": "conv1", "conv1x1-bn-relu": "conv1",
    "nor_conv_3x3": "conv3", "conv3x3": "conv3", "conv3x3-bn-relu": "conv3",
    "nor_conv_5x5": "conv5", "conv5x5": "conv5",
    "sep_conv_3x3": "sep3", "sep_conv_5x5": "sep5", "dil_conv_3x3": "dil3", "dil_conv_5x5": "dil5",
    "avg_pool_3x3": "avg", "max_pool_3x3": "max", "maxpool3x3": "max",
}


class InputError(Exception):
    """Bad cell text: one line, exit status 1."""


# ---------------------------------------------------------------------------------------------
# The cell


def parse_cell(text):
    """The cell as {type name: {"nodes": n, "edges": [(i, j, op or None)], "ops": [...] or None}};
    a single-type cell under the name "cell"."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"the cell is not JSON: {error.msg} at column {error.colno}")
    if not isinstance(value, dict):
        raise InputError("the cell must be a JSON object")
    if "edges" in value:
        return {"cell": parse_single(value, "cell")}
    if not value:
        raise InputError("the cell has no edges and no cell types")
    return {name: parse_single(part, name) for name, part in value.items()}


def parse_single(value, name):
    if not isinstance(value, dict) or not isinstance(value.get("edges"), list):
        raise InputError(f"{name}: a cell is an object with an \"edges\" list")
    unknown = sorted(set(value) - {"edges", "ops"})
    if unknown:
        raise InputError(f"{name}: unknown key '{unknown[0]}' (the keys are: edges, ops)")
    node_ops = value.get("ops")
    if node_ops is not None and not (isinstance(node_ops, list) and all(isinstance(op, str) for op in node_ops)):
        raise InputError(f"{name}: \"ops\" must be a list of operation names")
    edges = []
    for position, edge in enumerate(value["edges"]):
        wanted = 2 if node_ops is not None else 3
        if not (isinstance(edge, list) and len(edge) == wanted and all(isinstance(v, int) and not isinstance(v, bool) for v in edge[:2])
                and (wanted == 2 or isinstance(edge[2], str))):
            form = "[from, to]" if wanted == 2 else "[from, to, op]"
            raise InputError(f"{name}: edges[{position}] is not {form}: {json.dumps(edge)[:60]}")
        source, target = edge[0], edge[1]
        if not 0 <= source < target:
            raise InputError(f"{name}: edges[{position}] must go from a lower to a higher node: {json.dumps(edge)[:60]}")
        op = edge[2] if wanted == 3 else None
        if op is not None and op not in OPERATIONS:
            raise InputError(f"{name}: edges[{position}]: unknown operation '{op[:40]}' (known: {', '.join(sorted(OPERATIONS))})")
        edges.append((source, target, op))
    if not edges:
        raise InputError(f"{name}: the cell has no edges")
    nodes = max(target for _, target, _ in edges) + 1
    if node_ops is not None:
        if len(node_ops) != nodes - 2:
            raise InputError(f"{name}: {nodes} nodes need {nodes - 2} ops (one per intermediate node), got {len(node_ops)}")
        for op in node_ops:
            if op not in OPERATIONS:
                raise InputError(f"{name}: unknown operation '{op[:40]}' (known: {', '.join(sorted(OPERATIONS))})")
    return {"nodes": nodes, "edges": edges, "ops": node_ops}


# ---------------------------------------------------------------------------------------------
# The network


def build_network_class(torch):
    nn = torch.nn

    def operation(kind, channels):
        def conv(kernel, dilation=1, groups=1):
            padding = dilation * (kernel - 1) // 2
            return nn.Sequential(nn.ReLU(), nn.Conv2d(channels, channels, kernel, padding=padding, dilation=dilation,
                                                      groups=groups, bias=False), nn.BatchNorm2d(channels))
        if kind == "zero":
            return None
        if kind == "identity":
            return nn.Identity()
        if kind in ("conv1", "conv3", "conv5"):
            return conv(int(kind[-1]))
        if kind in ("sep3", "sep5"):
            kernel = int(kind[-1])
            return nn.Sequential(nn.ReLU(), nn.Conv2d(channels, channels, kernel, padding=kernel // 2, groups=channels, bias=False),
                                 nn.Conv2d(channels, channels, 1, bias=False), nn.BatchNorm2d(channels))
        if kind in ("dil3", "dil5"):
            return conv(int(kind[-1]), dilation=2)
        if kind == "avg":
            return nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        return nn.MaxPool2d(3, stride=1, padding=1)

    class Cell(nn.Module):
        def __init__(self, cell, channels):
            super().__init__()
            self.nodes, self.node_ops = cell["nodes"], cell["ops"] is not None
            self.inputs = [[] for _ in range(self.nodes)]
            self.ops = nn.ModuleList()
            if self.node_ops:
                for source, target, _ in cell["edges"]:
                    self.inputs[target].append((source, None))
                self.node_modules = nn.ModuleList(
                    [operation(OPERATIONS[op], channels) or nn.Identity() for op in cell["ops"]])
            else:
                for source, target, op in cell["edges"]:
                    module = operation(OPERATIONS[op], channels)
                    if module is None:
                        continue
                    self.inputs[target].append((source, len(self.ops)))
                    self.ops.append(module)

        def forward(self, x):
            states = [x]
            for node in range(1, self.nodes):
                terms = [states[source] if index is None else self.ops[index](states[source])
                         for source, index in self.inputs[node]]
                total = sum(terms) if terms else torch.zeros_like(x)
                if self.node_ops and 0 < node < self.nodes - 1:
                    total = self.node_modules[node - 1](total)
                states.append(total)
            return states[-1]

    class Network(nn.Module):
        def __init__(self, cells, channels, repeat, classes):
            super().__init__()
            names = list(cells)
            reduce_name = next((n for n in names if n in ("reduce", "reduction")), None)
            normal = cells[next(n for n in names if n != reduce_name)] if len(names) > 1 or reduce_name is None else None
            if normal is None:
                raise InputError("a cell with only a reduction type has no normal cell")
            self.stem = nn.Sequential(nn.Conv2d(1, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels))
            layers = [Cell(normal, channels) for _ in range(repeat)]
            layers.append(nn.Sequential(nn.ReLU(), nn.Conv2d(channels, 2 * channels, 3, stride=2, padding=1, bias=False),
                                        nn.BatchNorm2d(2 * channels)))
            if reduce_name is not None:
                layers.append(Cell(cells[reduce_name], 2 * channels))
            layers += [Cell(normal, 2 * channels) for _ in range(repeat)]
            self.cells = nn.Sequential(*layers)
            self.classifier = nn.Linear(2 * channels, classes)

        def forward(self, x):
            x = self.cells(self.stem(x))
            return self.classifier(torch.relu(x).mean(dim=(2, 3)))

    return Network


# ---------------------------------------------------------------------------------------------
# Data and training


def read_digits():
    """scikit-learn's digits (1797 rows: 64 pixel values 0..16, then the label), read from the
    file the package ships (no download)."""
    import importlib.util
    import gzip
    spec = importlib.util.find_spec("sklearn")
    if spec is None:
        raise InputError("the digits data needs scikit-learn (pip install scikit-learn)")
    path = os.path.join(spec.submodule_search_locations[0], "datasets", "data", "digits.csv.gz")
    try:
        with gzip.open(path, "rt") as handle:
            rows = [[float(v) for v in line.split(",")] for line in handle if line.strip()]
    except OSError as error:
        raise InputError(f"{path}: cannot read scikit-learn's digits: {error}")
    return rows


def load_digits(torch, seed):
    rows = torch.tensor(read_digits(), dtype=torch.float32)
    images = (rows[:, :64] / 16.0).reshape(-1, 1, 8, 8)
    images = (images - images.mean()) / images.std()
    labels = rows[:, 64].long()
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(seed))
    train, held = order[:1297], order[1297:]
    return (images[train], labels[train]), (images[held], labels[held])


def evaluate(torch, Network, cells, data, args):
    """Held-out accuracy (percent) after training, and the parameter count."""
    (train_x, train_y), (test_x, test_y) = data
    torch.manual_seed(args.seed)
    network = Network(cells, args.channels, args.cells, 10)
    params = sum(p.numel() for p in network.parameters())
    optimizer = torch.optim.Adam(network.parameters(), lr=3e-3) if params else None
    order_rng = torch.Generator().manual_seed(args.seed + 1)
    network.train()
    for _ in range(args.epochs):
        order = torch.randperm(len(train_y), generator=order_rng)
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            loss = torch.nn.functional.cross_entropy(network(train_x[batch]), train_y[batch])
            if optimizer is not None and loss.requires_grad:
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
    network.eval()
    with torch.no_grad():
        correct = (network(test_x).argmax(dim=1) == test_y).sum().item()
    return 100.0 * correct / len(test_y), params


# ---------------------------------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"cell_digits.py: {message}", file=sys.stderr)
        sys.exit(64)


def arguments(argv):
    parser = Parser(description=__doc__.splitlines()[0])
    parser.add_argument("--cell", default=os.environ.get("AGNET_CELL"), help="the cell text (default: $AGNET_CELL)")
    parser.add_argument("--self-test", action="store_true", help="evaluate known cells, check the parser, print")
    parser.add_argument("--worker", metavar="RUN", help="evaluate an ask/tell run's cells in this process until it is finished")
    parser.add_argument("--agnet", default=os.environ.get("AGNET", "agnet"), help="the agnet binary for --worker")
    parser.add_argument("--seed", type=int, default=0, help="seeds the split, the initialisation and the batches (default 0)")
    parser.add_argument("--channels", type=int, default=8, help="channels C of the first stage (default 8)")
    parser.add_argument("--cells", type=int, default=1, help="cells per stage (default 1)")
    parser.add_argument("--epochs", type=int, default=3, help="training epochs (default 3)")
    parser.add_argument("--threads", type=int, default=1, help="CPU threads (default 1: bit-reproducible)")
    args = parser.parse_args(argv)
    for name in ("channels", "cells", "epochs", "threads"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if not args.self_test and not args.worker and not args.cell:
        parser.error("no cell (give --cell, set AGNET_CELL, or use --self-test or --worker)")
    return args


def self_test(torch, Network, data, args):
    """Known cells score as they should, twice the same; bad text is refused."""
    conv = '{"edges":[[0,1,"nor_conv_3x3"],[0,2,"nor_conv_3x3"],[1,2,"nor_conv_3x3"]]}'
    cut = '{"edges":[[0,1,"none"],[0,2,"none"],[1,2,"nor_conv_3x3"]]}'
    nodes = '{"edges":[[0,1],[1,2],[0,2]],"ops":["conv3x3-bn-relu"]}'
    failures = []
    scores = {}
    for name, text in (("conv", conv), ("cut", cut), ("node-ops", nodes)):
        cells = parse_cell(text)
        first = evaluate(torch, Network, cells, data, args)
        if evaluate(torch, Network, cells, data, args) != first:
            failures.append(f"{name}: a second evaluation gave another result")
        scores[name] = first
        print(f"{name:9s} accuracy {first[0]:6.2f} %  params {first[1]}")
    if not scores["conv"][0] > scores["cut"][0] + 20:
        failures.append("a cell of convolutions does not beat a cell whose input never reaches its output")
    for text in ('{"edges":[[1,0,"none"]]}', '{"edges":[[0,1,"conv_7x7"]]}', "[1,2]", '{"edges":[[0,1],[1,2]],"ops":[]}',
                 '{"edges":[[0,1,"none"]],"extra":1}'):
        try:
            parse_cell(text)
            failures.append(f"bad cell accepted: {text}")
        except InputError:
            pass
    for failure in failures:
        print(f"FAILED: {failure}")
    print("self-test:", "failed" if failures else "passed")
    return not failures


def agnet_call(args, command, stdin=None):
    import subprocess
    done = subprocess.run([args.agnet, *command, "--run", args.worker], input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise InputError(f"agnet {command[0]} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


def work(torch, Network, data, args):
    evaluated = 0
    while True:
        line = agnet_call(args, ["ask", "--count", "1", "--claim"]).strip()
        if not line:
            if not agnet_call(args, ["ask", "--count", "1"]).strip():
                print(f"cell_digits.py: worker done ({evaluated} evaluations): {args.worker} is finished", file=sys.stderr)
                return
            time.sleep(0.5)
            continue
        proposal = json.loads(line)
        try:
            accuracy, params = evaluate(torch, Network, parse_cell(proposal["cell"]), data, args)
            told = {"costs": {"params": params}, "id": proposal["id"], "value": accuracy}
        except InputError as error:
            print(f"cell_digits.py: {proposal['id']}: {error}", file=sys.stderr)
            told = {"failed": True, "id": proposal["id"]}
        agnet_call(args, ["tell"], stdin=json.dumps(told, sort_keys=True) + "\n")
        evaluated += 1


def main(argv):
    args = arguments(argv)
    try:
        cells = None if args.self_test or args.worker else parse_cell(args.cell)
        import torch
        torch.set_num_threads(args.threads)
        Network = build_network_class(torch)
        data = load_digits(torch, args.seed)
        if args.self_test:
            return 0 if self_test(torch, Network, data, args) else 1
        if args.worker:
            work(torch, Network, data, args)
            return 0
        start = time.perf_counter()
        accuracy, params = evaluate(torch, Network, cells, data, args)
        print(f"cell_digits.py: accuracy {accuracy:.2f} %, {params} parameters ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
        print(json.dumps({"costs": {"params": params}, "value": accuracy}, sort_keys=True))
        return 0
    except InputError as error:
        print(f"cell_digits.py: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
