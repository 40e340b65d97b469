#!/usr/bin/env python3
"""Training-free evaluator for DARTS genotypes: the two TE-NAS proxies of the genotype's network.

For a DARTS genotype this builds the DARTS CIFAR network (a 3x3 convolution stem, cells with the
reduction cells at 1/3 and 2/3 of the depth, global pooling, a linear classifier; DARTS's seven
operations) at a small width, and computes on real images, as TE-NAS does (Chen, Gong, Wang,
ICLR 2021; AG-Net's ImageNet search uses them as its evaluator):

  ntk_condition   the condition number of the empirical neural tangent kernel of one batch
                  (lambda_max / lambda_min of the Gram matrix of per-image gradients of the summed
                  logits with respect to every weight tensor, network in training mode): lower is
                  better (more trainable);
  linear_regions  the number of distinct ReLU activation patterns over a set of 1-channel 3x3
                  image crops fed to a thin copy of the network (1-channel stem): higher is better
                  (more expressive).

Each proxy is averaged over --repeats fresh initialisations and fresh image draws (3, as AG-Net).
The last line of output is the JSON object agnet reads:

  {"costs": {"linear_regions": R, "ntk_condition": K}, "value": ln(R) - ln(K)}

`value` is one number that grows as either proxy improves, for single-objective methods; the two
proxies themselves travel as costs, so the run must name them:
  agnet init --run R --space darts --method rs --cost ntk_condition --cost linear_regions ...
`--output value` prints only {"value": ...} (for runs without those costs).

Usage:
  python3 examples/darts_tenas.py --genotype "Genotype(normal=[('sep_conv_3x3', 0), ...], ...)"
  AGNET_CELL="Genotype(...)" python3 examples/darts_tenas.py      # as `agnet evaluate` runs it
  python3 examples/darts_tenas.py --self-test                      # three known genotypes
  python3 examples/darts_tenas.py --data cifar10 --root ~/data --device cuda --channels 16 --batch-size 64

An ask/tell worker, for runs where the evaluation is cheaper than starting Python and torch
(about 2.5 CPU-seconds here): `--worker RUN` evaluates the run's cells in one process through the
agnet Python package (`agnet.load_study(RUN).optimize(...)`: installed with `pip install ./python`,
else taken from this checkout), claiming one at a time, until the run is finished; start one per
core, next to or instead of `agnet evaluate` (the same run can switch between them at any time):
  for i in 1 2; do python3 examples/darts_tenas.py --worker runs/tenas --repeats 1 --agnet .build/release/agnet & done; wait

Data: `digits` (default; scikit-learn's 1,797 handwritten 8x8 digits, 10 classes, scaled to [0, 1],
bilinearly upsampled to 32x32 and repeated to 3 channels, normalised with the set's mean and
standard deviation), `cifar10` (--root holds cifar-10-batches-py, the python version of CIFAR-10),
`imagenet` (--root holds train/<class>/<image>; a seeded sample of --pool images is resized to
32x32 as TE-NAS and AG-Net do; needs Pillow).

The genotype is parsed, never executed: `Genotype(normal=[...], normal_concat=[...], reduce=[...],
reduce_concat=[...])` with literal lists of (operation, input) pairs and `[2, 3, 4, 5]` or
`range(2, 6)` for the concats, exactly as DARTS prints it. Results are deterministic given the
genotype, the options and --seed (one CPU thread by default; every genotype sees the same images).
Bad input exits with status 1 and one line naming the problem; command-line misuse with 64.
"""
import argparse
import ast
import json
import math
import os
import pickle
import sys
import time

OPERATIONS = ("max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3", "sep_conv_5x5",
              "dil_conv_3x3", "dil_conv_5x5")
GENOTYPE_FIELDS = ("normal", "normal_concat", "reduce", "reduce_concat")

# Genotypes for --self-test. DARTS_V2 is the cell of the DARTS paper (second order), as printed in
# DARTS's genotypes.py.
KNOWN_GENOTYPES = {
    "DARTS_V2": "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
                "('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), "
                "('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), "
                "('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), "
                "('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])",
    "skip-only": "Genotype(normal=[('skip_connect', 0), ('skip_connect', 1), ('skip_connect', 0), "
                 "('skip_connect', 1), ('skip_connect', 0), ('skip_connect', 1), ('skip_connect', 0), "
                 "('skip_connect', 1)], normal_concat=[2, 3, 4, 5], reduce=[('skip_connect', 0), "
                 "('skip_connect', 1), ('skip_connect', 0), ('skip_connect', 1), ('skip_connect', 0), "
                 "('skip_connect', 1), ('skip_connect', 0), ('skip_connect', 1)], reduce_concat=range(2, 6))",
    "pooling-only": "Genotype(normal=[('max_pool_3x3', 0), ('avg_pool_3x3', 1), ('max_pool_3x3', 0), "
                    "('avg_pool_3x3', 1), ('max_pool_3x3', 2), ('avg_pool_3x3', 3), ('max_pool_3x3', 0), "
                    "('avg_pool_3x3', 4)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), "
                    "('avg_pool_3x3', 1), ('max_pool_3x3', 0), ('avg_pool_3x3', 1), ('max_pool_3x3', 2), "
                    "('avg_pool_3x3', 3), ('max_pool_3x3', 0), ('avg_pool_3x3', 4)], reduce_concat=[2, 3, 4, 5])",
}


class InputError(Exception):
    """Bad input (genotype text, data files): one line, exit status 1."""


# ---------------------------------------------------------------------------------------------
# The genotype


def parse_genotype(text):
    """Returns {"normal": [(op, input), ...], "normal_concat": [...], "reduce": ..., "reduce_concat": ...}
    from DARTS's printed form, by reading the syntax tree (nothing is evaluated)."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        raise InputError(f"the genotype is not Genotype(...) text: {error.msg} at column {error.offset}")
    if not (isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name) and tree.func.id == "Genotype"):
        raise InputError("the genotype must be Genotype(normal=[...], normal_concat=[...], reduce=[...], reduce_concat=[...])")
    if tree.args:
        raise InputError("Genotype(...) takes keyword arguments only (normal=, normal_concat=, reduce=, reduce_concat=)")
    given = {}
    for keyword in tree.keywords:
        if keyword.arg not in GENOTYPE_FIELDS:
            raise InputError(f"unknown Genotype field '{keyword.arg}' (the fields are: {', '.join(GENOTYPE_FIELDS)})")
        if keyword.arg in given:
            raise InputError(f"Genotype field '{keyword.arg}' is given twice")
        given[keyword.arg] = keyword.value
    missing = [name for name in GENOTYPE_FIELDS if name not in given]
    if missing:
        raise InputError(f"Genotype is missing {', '.join(missing)}")
    genotype = {}
    for kind in ("normal", "reduce"):
        pairs = literal(given[kind], kind)
        if not isinstance(pairs, (list, tuple)) or not pairs or len(pairs) % 2:
            raise InputError(f"{kind} must be a non-empty list of an even number of (operation, input) pairs")
        cell = []
        for position, pair in enumerate(pairs):
            node = position // 2 + 2  # nodes 0 and 1 are the cell's inputs
            if not (isinstance(pair, (list, tuple)) and len(pair) == 2 and isinstance(pair[0], str)
                    and isinstance(pair[1], int) and not isinstance(pair[1], bool)):
                raise InputError(f"{kind}[{position}] is not an (operation, input) pair: {pair!r}")
            operation, source = pair
            if operation not in OPERATIONS:
                raise InputError(f"{kind}[{position}]: unknown operation '{operation}' (the operations are: {', '.join(OPERATIONS)})")
            if not 0 <= source < node:
                raise InputError(f"{kind}[{position}]: input {source} of node {node} must be between 0 and {node - 1}")
            cell.append((operation, source))
        genotype[kind] = cell
        concat = concat_list(given[kind + "_concat"], kind + "_concat")
        nodes = len(cell) // 2 + 2
        if not concat or sorted(set(concat)) != sorted(concat) or not all(0 <= c < nodes for c in concat):
            raise InputError(f"{kind}_concat must list distinct nodes between 0 and {nodes - 1}: {concat!r}")
        genotype[kind + "_concat"] = concat
    return genotype


def literal(node, name):
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise InputError(f"{name} must be a literal list, not {ast.unparse(node)[:60]}")


def concat_list(node, name):
    """A literal list of ints, or range(a, b) as DARTS's search code prints it."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" and not node.keywords:
        bounds = [literal(argument, name) for argument in node.args]
        if len(bounds) not in (1, 2) or not all(isinstance(b, int) and not isinstance(b, bool) for b in bounds):
            raise InputError(f"{name}: range takes one or two integers")
        return list(range(*bounds))
    values = literal(node, name)
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise InputError(f"{name} must be a list of node numbers or range(a, b)")
    return list(values)


def genotype_text(genotype):
    """DARTS's printed form (the concats as lists)."""
    return "Genotype(normal={}, normal_concat={}, reduce={}, reduce_concat={})".format(
        genotype["normal"], genotype["normal_concat"], genotype["reduce"], genotype["reduce_concat"])


# ---------------------------------------------------------------------------------------------
# The DARTS network (torch is imported only once the arguments and the genotype are checked)


def build_network_classes(torch):
    nn = torch.nn

    class ReLUConvBN(nn.Sequential):
        def __init__(self, c_in, c_out, kernel, stride, padding):
            super().__init__(nn.ReLU(inplace=False), nn.Conv2d(c_in, c_out, kernel, stride, padding, bias=False),
                             nn.BatchNorm2d(c_out))

    class DilConv(nn.Sequential):
        def __init__(self, c_in, c_out, kernel, stride, padding, dilation):
            super().__init__(nn.ReLU(inplace=False),
                             nn.Conv2d(c_in, c_in, kernel, stride, padding, dilation=dilation, groups=c_in, bias=False),
                             nn.Conv2d(c_in, c_out, 1, bias=False), nn.BatchNorm2d(c_out))

    class SepConv(nn.Sequential):
        def __init__(self, c_in, c_out, kernel, stride, padding):
            super().__init__(DilConv(c_in, c_in, kernel, stride, padding, 1), DilConv(c_in, c_out, kernel, 1, padding, 1))

    class FactorizedReduce(nn.Module):
        """DARTS's halving of the resolution by two offset stride-2 1x1 convolutions. The second
        one reads the input shifted by one pixel and zero-padded at the end: identical to DARTS on
        even sizes, and defined on the odd ones the 3x3 crops of the region count reach."""

        def __init__(self, c_in, c_out):
            super().__init__()
            self.relu = nn.ReLU(inplace=False)
            self.conv_1 = nn.Conv2d(c_in, c_out // 2, 1, stride=2, bias=False)
            self.conv_2 = nn.Conv2d(c_in, c_out // 2, 1, stride=2, bias=False)
            self.bn = nn.BatchNorm2d(c_out)

        def forward(self, x):
            x = self.relu(x)
            shifted = nn.functional.pad(x, (0, 1, 0, 1))[:, :, 1:, 1:]
            return self.bn(torch.cat([self.conv_1(x), self.conv_2(shifted)], dim=1))

    class Identity(nn.Module):
        def forward(self, x):
            return x

    def operation(name, c, stride):
        if name == "max_pool_3x3":
            return nn.MaxPool2d(3, stride=stride, padding=1)
        if name == "avg_pool_3x3":
            return nn.AvgPool2d(3, stride=stride, padding=1, count_include_pad=False)
        if name == "skip_connect":
            return Identity() if stride == 1 else FactorizedReduce(c, c)
        if name == "sep_conv_3x3":
            return SepConv(c, c, 3, stride, 1)
        if name == "sep_conv_5x5":
            return SepConv(c, c, 5, stride, 2)
        if name == "dil_conv_3x3":
            return DilConv(c, c, 3, stride, 2, 2)
        if name == "dil_conv_5x5":
            return DilConv(c, c, 5, stride, 4, 2)
        raise InputError(f"unknown operation '{name}'")

    class Cell(nn.Module):
        def __init__(self, genotype, c_prev_prev, c_prev, c, reduction, reduction_prev):
            super().__init__()
            self.preprocess0 = FactorizedReduce(c_prev_prev, c) if reduction_prev else ReLUConvBN(c_prev_prev, c, 1, 1, 0)
            self.preprocess1 = ReLUConvBN(c_prev, c, 1, 1, 0)
            kind = "reduce" if reduction else "normal"
            pairs = genotype[kind]
            self.inputs = [source for _, source in pairs]
            self.concat = genotype[kind + "_concat"]
            self.ops = nn.ModuleList(operation(name, c, 2 if reduction and source < 2 else 1) for name, source in pairs)
            self.multiplier = len(self.concat)

        def forward(self, s0, s1):
            states = [self.preprocess0(s0), self.preprocess1(s1)]
            for i in range(len(self.ops) // 2):
                states.append(self.ops[2 * i](states[self.inputs[2 * i]]) + self.ops[2 * i + 1](states[self.inputs[2 * i + 1]]))
            return torch.cat([states[i] for i in self.concat], dim=1)

    class NetworkCIFAR(nn.Module):
        """DARTS's CIFAR network without the auxiliary head and drop-path (training-only parts),
        with TE-NAS's batch norm and ReLU before the pooling."""

        def __init__(self, genotype, channels, layers, classes, in_channels=3, stem_multiplier=3):
            super().__init__()
            c_curr = stem_multiplier * channels
            self.stem = nn.Sequential(nn.Conv2d(in_channels, c_curr, 3, padding=1, bias=False), nn.BatchNorm2d(c_curr))
            c_prev_prev, c_prev, c_curr = c_curr, c_curr, channels
            self.cells = nn.ModuleList()
            reduction_prev = False
            for i in range(layers):
                reduction = i in (layers // 3, 2 * layers // 3)
                if reduction:
                    c_curr *= 2
                cell = Cell(genotype, c_prev_prev, c_prev, c_curr, reduction, reduction_prev)
                self.cells.append(cell)
                reduction_prev = reduction
                c_prev_prev, c_prev = c_prev, cell.multiplier * c_curr
            # TE-NAS's network has this batch norm and ReLU before the pooling, DARTS's has not. Without
            # the ReLU, a last cell whose nodes are sums of batch-norm outputs (most cells) gives
            # features of zero batch mean, the per-image gradients of the summed logits sum to zero,
            # and the NTK is singular: its condition number is rounding noise (~1e10).
            self.lastact = nn.Sequential(nn.BatchNorm2d(c_prev), nn.ReLU(inplace=False))
            self.pool = nn.AdaptiveAvgPool2d(1)
            self.classifier = nn.Linear(c_prev, classes)

        def forward(self, x):
            s0 = s1 = self.stem(x)
            for cell in self.cells:
                s0, s1 = s1, cell(s0, s1)
            return self.classifier(self.pool(self.lastact(s1)).flatten(1))

    return NetworkCIFAR


# ---------------------------------------------------------------------------------------------
# Images: an N x 3 x 32 x 32 float tensor, normalised per channel, and the class count


def load_images(torch, args, generator):
    if args.data == "digits":
        digits = torch.tensor(read_digits(), dtype=torch.float32).reshape(-1, 8, 8) / 16.0  # 1797 x 8 x 8, values 0..16
        images = torch.nn.functional.interpolate(digits[:, None], size=(32, 32), mode="bilinear", align_corners=False)
        images = images.repeat(1, 3, 1, 1)
        classes = 10
    elif args.data == "cifar10":
        images, classes = load_cifar10(torch, args.root), 10
    else:
        images, classes = load_imagenet(torch, args.root, args.pool, generator), 1000
    mean = images.mean(dim=(0, 2, 3), keepdim=True)
    std = images.std(dim=(0, 2, 3), keepdim=True).clamp_min(1e-6)
    return (images - mean) / std, classes


def read_digits():
    """The pixels of scikit-learn's digits (1797 rows of 64 values, 0..16), read from the file
    the package ships, without importing scikit-learn (which costs a CPU-second per evaluation)."""
    import gzip
    import importlib.util
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("--data digits needs scikit-learn (pip install scikit-learn)")
    path = os.path.join(spec.submodule_search_locations[0], "datasets", "data", "digits.csv.gz")
    try:
        with gzip.open(path, "rt") as file:
            rows = [[float(v) for v in line.split(",")[:64]] for line in file if line.strip()]
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read scikit-learn's digits: {error}")
    if len(rows) != 1797 or any(len(row) != 64 for row in rows):
        raise InputError(f"{path}: expected 1797 rows of 64 pixels, got {len(rows)} rows")
    return rows


def load_cifar10(torch, root):
    if not root:
        raise InputError("--data cifar10 needs --root (the directory holding cifar-10-batches-py)")
    folder = os.path.join(root, "cifar-10-batches-py")
    if not os.path.isdir(folder):
        folder = root
    batches = []
    for index in range(1, 6):
        path = os.path.join(folder, f"data_batch_{index}")
        try:
            with open(path, "rb") as handle:
                batch = pickle.load(handle, encoding="bytes")
            data = batch[b"data"]
        except FileNotFoundError:
            raise InputError(f"{path}: no such file (--root must hold cifar-10-batches-py, the python version of CIFAR-10)")
        except (pickle.UnpicklingError, KeyError, EOFError, TypeError) as error:
            raise InputError(f"{path}: not a CIFAR-10 python batch ({error})")
        batches.append(torch.as_tensor(data, dtype=torch.uint8).reshape(-1, 3, 32, 32))
    return torch.cat(batches).float() / 255.0


def load_imagenet(torch, root, pool, generator):
    if not root:
        raise InputError("--data imagenet needs --root (the directory holding train/<class>/<image>)")
    try:
        from PIL import Image
    except ImportError:
        raise InputError("--data imagenet needs Pillow (pip install pillow)")
    train = os.path.join(root, "train")
    if not os.path.isdir(train):
        raise InputError(f"{train}: no such directory")
    files = []
    for name in sorted(os.listdir(train)):
        folder = os.path.join(train, name)
        if os.path.isdir(folder):
            files.extend(os.path.join(folder, f) for f in sorted(os.listdir(folder)))
    if not files:
        raise InputError(f"{train}: no images")
    chosen = torch.randperm(len(files), generator=generator)[:pool].tolist()
    images = []
    for index in chosen:
        try:
            with Image.open(files[index]) as image:
                pixels = image.convert("RGB").resize((32, 32), Image.BILINEAR).tobytes()
        except OSError as error:
            raise InputError(f"{files[index]}: not an image ({error})")
        images.append(torch.frombuffer(bytearray(pixels), dtype=torch.uint8).reshape(32, 32, 3).permute(2, 0, 1))
    return torch.stack(images).float() / 255.0


# ---------------------------------------------------------------------------------------------
# The proxies


def ntk_condition(torch, network, batch):
    """TE-NAS's cond(NTK): per-image gradients of the summed logits w.r.t. every parameter named
    `weight` (convolutions, batch-norm scales, the classifier), training-mode batch norm, the Gram
    matrix in double precision."""
    network.train()
    weights = [p for name, p in network.named_parameters() if name.endswith("weight")]
    logits = network(batch)
    rows = []
    for i in range(batch.shape[0]):
        grads = torch.autograd.grad(logits[i].sum(), weights, retain_graph=True, allow_unused=True)
        rows.append(torch.cat([g.reshape(-1) for g in grads if g is not None]).double())
    gradients = torch.stack(rows)
    eigenvalues = torch.linalg.eigvalsh(gradients @ gradients.T)  # ascending
    smallest, largest = eigenvalues[0].item(), eigenvalues[-1].item()
    if not (smallest > 0 and math.isfinite(largest)):
        raise InputError(f"the NTK is singular (eigenvalues {smallest:.3g} .. {largest:.3g}): no condition number")
    return largest / smallest


def linear_regions(torch, network, crops, chunk):
    """TE-NAS's region count: distinct on/off patterns of every ReLU (on 4-d inputs) over the
    crops, in training mode as TE-NAS runs it (batch norm normalises each chunk of crops)."""
    patterns = []
    current = []

    def record(module, inputs, output):
        if inputs[0].dim() == 4:
            current.append((output > 0).flatten(1))

    hooks = [m.register_forward_hook(record) for m in network.modules() if isinstance(m, torch.nn.ReLU)]
    network.train()
    with torch.no_grad():
        for start in range(0, crops.shape[0], chunk):
            current.clear()
            network(crops[start:start + chunk])
            patterns.append(torch.cat(current, dim=1))
    for hook in hooks:
        hook.remove()
    return torch.unique(torch.cat(patterns).to(torch.uint8), dim=0).shape[0]


def evaluate(torch, NetworkCIFAR, genotype, images, classes, args):
    """The proxies averaged over the repeats. The image draws come from their own generator, so
    every genotype sees the same batches and crops for a seed."""
    draws = torch.Generator().manual_seed(args.seed)
    torch.manual_seed(args.seed)
    conditions, regions = [], []
    for _ in range(args.repeats):
        batch = images[torch.randperm(images.shape[0], generator=draws)[:args.batch_size]].to(args.device)
        network = NetworkCIFAR(genotype, args.channels, args.layers, classes).to(args.device)
        conditions.append(ntk_condition(torch, network, batch))
        crops = random_crops(torch, images, args.lr_samples, args.lr_size, draws).to(args.device)
        thin = NetworkCIFAR(genotype, args.lr_channels, args.layers, classes, in_channels=1).to(args.device)
        regions.append(linear_regions(torch, thin, crops, args.lr_chunk))
    return sum(conditions) / len(conditions), sum(regions) / len(regions)


def random_crops(torch, images, count, size, generator):
    """count crops of size x size from one random channel of random images (TE-NAS: 3 x 1,000 crops of 3x3)."""
    n, channels, height, width = images.shape
    index = torch.randint(n, (count,), generator=generator)
    channel = torch.randint(channels, (count,), generator=generator)
    top = torch.randint(height - size + 1, (count,), generator=generator)
    left = torch.randint(width - size + 1, (count,), generator=generator)
    rows = (top[:, None] + torch.arange(size))[:, :, None]
    cols = (left[:, None] + torch.arange(size))[:, None, :]
    return images[index[:, None, None], channel[:, None, None], rows, cols][:, None]


def result(condition, regions, output):
    value = math.log(regions) - math.log(condition)
    if output == "value":
        return {"value": value}
    return {"costs": {"linear_regions": regions, "ntk_condition": condition}, "value": value}


# ---------------------------------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"darts_tenas.py: {message}", file=sys.stderr)
        sys.exit(64)


def arguments(argv):
    parser = Parser(description=__doc__.splitlines()[0],
                    epilog="See the module docstring (python3 -c 'help(\"examples/darts_tenas.py\")' or the source) for details.")
    parser.add_argument("--genotype", default=os.environ.get("AGNET_CELL"), help="the DARTS genotype (default: $AGNET_CELL)")
    parser.add_argument("--self-test", action="store_true", help="evaluate DARTS_V2, a skip-only and a pooling-only cell, check, print")
    parser.add_argument("--worker", metavar="RUN",
                        help="evaluate the cells of an agnet ask/tell run in this process until it is finished (see below)")
    parser.add_argument("--agnet", default=os.environ.get("AGNET", "agnet"), help="the agnet binary for --worker (default: $AGNET, else agnet)")
    parser.add_argument("--seed", type=int, default=0, help="seeds the images drawn and the initialisations (default 0)")
    parser.add_argument("--data", choices=["digits", "cifar10", "imagenet"], default="digits")
    parser.add_argument("--root", help="the data directory for cifar10 / imagenet")
    parser.add_argument("--pool", type=int, default=2000, help="imagenet: images sampled from train/ and resized (default 2000)")
    parser.add_argument("--device", default="cpu", help="cpu (default) or cuda")
    parser.add_argument("--threads", type=int, default=1, help="CPU threads (default 1: one per evaluation, bit-reproducible)")
    parser.add_argument("--repeats", type=int, default=3, help="initialisations and image draws averaged (default 3, as AG-Net)")
    parser.add_argument("--channels", type=int, default=4, help="initial channels C of the NTK network (default 4)")
    parser.add_argument("--layers", type=int, default=5, help="cells of both networks (default 5: normal, reduce, normal, reduce, normal)")
    parser.add_argument("--batch-size", type=int, default=24, help="images in the NTK batch (default 24, as TE-NAS/AG-Net on ImageNet)")
    parser.add_argument("--lr-channels", type=int, default=1, help="initial channels of the region-count network (default 1, as TE-NAS)")
    parser.add_argument("--lr-samples", type=int, default=3000, help="crops for the region count (default 3000, as TE-NAS)")
    parser.add_argument("--lr-size", type=int, default=3, help="crop size for the region count (default 3, as TE-NAS)")
    parser.add_argument("--lr-chunk", type=int, default=1000, help="crops per forward pass (default 1000, as TE-NAS)")
    parser.add_argument("--output", choices=["costs", "value"], default="costs",
                        help="costs: {value, costs: {ntk_condition, linear_regions}} (default); value: {value} only")
    args = parser.parse_args(argv)
    positive = ["pool", "threads", "repeats", "channels", "layers", "lr_channels", "lr_samples", "lr_chunk"]
    for name in positive:
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.batch_size < 2:
        parser.error("--batch-size must be at least 2 (a condition number needs two eigenvalues)")
    if not 1 <= args.lr_size <= 32:
        parser.error("--lr-size must be between 1 and 32")
    if not args.self_test and not args.worker and not args.genotype:
        parser.error("no genotype (give --genotype, set AGNET_CELL, or use --self-test or --worker)")
    return args


def self_test(torch, NetworkCIFAR, images, classes, args):
    """Evaluates the known genotypes twice (the numbers must repeat exactly), checks the parser
    on them and on bad text, and that more nonlinear cells have more regions."""
    failures = []
    measured = {}
    for name, text in KNOWN_GENOTYPES.items():
        genotype = parse_genotype(text)
        if parse_genotype(genotype_text(genotype)) != genotype:
            failures.append(f"{name}: the printed genotype does not parse back")
        start = time.perf_counter()
        condition, regions = evaluate(torch, NetworkCIFAR, genotype, images, classes, args)
        seconds = time.perf_counter() - start
        if evaluate(torch, NetworkCIFAR, genotype, images, classes, args) != (condition, regions):
            failures.append(f"{name}: a second evaluation with the same seed gave other numbers")
        if not (math.isfinite(condition) and condition >= 1 and regions >= 1):
            failures.append(f"{name}: implausible proxies {condition}, {regions}")
        measured[name] = (condition, regions)
        print(f"{name:13s} ntk_condition {condition:12.1f}  linear_regions {regions:8.1f}  ({seconds:.1f} s)")
    if not measured["DARTS_V2"][1] > measured["skip-only"][1]:
        failures.append("DARTS_V2 (convolutions) does not have more linear regions than the skip-only cell")
    bad = ["Genotype(normal=[('sep_conv_3x3', 0)], normal_concat=[2], reduce=[], reduce_concat=[2])",
           KNOWN_GENOTYPES["DARTS_V2"].replace("'dil_conv_3x3', 2", "'dil_conv_3x3', 5"),
           KNOWN_GENOTYPES["DARTS_V2"].replace("sep_conv_3x3", "conv_7x1_1x7", 1),
           "__import__('os').system('true')",
           KNOWN_GENOTYPES["DARTS_V2"].replace("normal_concat=[2, 3, 4, 5]", "normal_concat=list(range(9))")]
    for text in bad:
        try:
            parse_genotype(text)
            failures.append(f"bad genotype accepted: {text[:60]}")
        except InputError:
            pass
    for failure in failures:
        print(f"FAILED: {failure}")
    print("self-test:", "failed" if failures else "passed",
          f"(data {args.data}, C={args.channels}, layers={args.layers}, batch {args.batch_size}, "
          f"{args.lr_samples} crops {args.lr_size}x{args.lr_size}, thin C={args.lr_channels}, repeats {args.repeats}, seed {args.seed})")
    return not failures


def import_agnet():
    """The agnet Python package: installed (pip install ./python), else this checkout's copy."""
    try:
        import agnet
    except ImportError:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "src"))
        import agnet
    return agnet


def work(torch, NetworkCIFAR, images, classes, args):
    """The --worker loop, through the agnet Python package (docs/python.md): the study hands this
    process one cell at a time that no other worker holds (waiting while the others hold the last
    cells of a batch), and each result is told as it comes, until the run is finished. A cell
    whose proxies cannot be computed (e.g. a singular NTK) is told as failed with the reason.
    Start as many workers as cores; each pays the torch import once instead of once an evaluation."""
    if args.agnet != "agnet":  # else the package finds the binary ($AGNET_BIN, its own, PATH)
        import shutil
        os.environ["AGNET_BIN"] = os.path.abspath(shutil.which(args.agnet) or args.agnet)
    agnet = import_agnet()
    evaluated = 0

    def objective(trial):
        nonlocal evaluated
        start = time.perf_counter()
        evaluated += 1
        try:
            condition, regions = evaluate(torch, NetworkCIFAR, parse_genotype(trial.cell), images, classes, args)
        except InputError as error:
            print(f"{trial.id}: failed: {error} ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
            raise
        print(f"{trial.id}: ntk_condition {condition:.6g}, linear_regions {regions:.6g} "
              f"({time.perf_counter() - start:.1f} s)", file=sys.stderr)
        return result(condition, regions, args.output)

    try:
        agnet.load_study(args.worker).optimize(objective, catch=InputError)
    except agnet.AgnetError as error:
        raise InputError(f"agnet: {error}") from error
    print(f"darts_tenas.py: worker done ({evaluated} evaluations): {args.worker} is finished", file=sys.stderr)


def main(argv):
    args = arguments(argv)
    try:
        genotype = None if args.self_test or args.worker else parse_genotype(args.genotype)
        import torch
        torch.set_num_threads(args.threads)
        if args.device != "cpu":
            # On one CPU thread the kernels are deterministic already; the switch costs about two
            # CPU-seconds of imports (torch._dynamo) per evaluation.
            torch.use_deterministic_algorithms(True, warn_only=True)
        NetworkCIFAR = build_network_classes(torch)
        images, classes = load_images(torch, args, torch.Generator().manual_seed(args.seed))
        if args.self_test:
            return 0 if self_test(torch, NetworkCIFAR, images, classes, args) else 1
        if args.worker:
            work(torch, NetworkCIFAR, images, classes, args)
            return 0
        start = time.perf_counter()
        condition, regions = evaluate(torch, NetworkCIFAR, genotype, images, classes, args)
        print(f"darts_tenas.py: ntk_condition {condition:.6g}, linear_regions {regions:.6g} "
              f"({time.perf_counter() - start:.1f} s, data {args.data}, seed {args.seed})", file=sys.stderr)
        print(json.dumps(result(condition, regions, args.output), sort_keys=True))
        return 0
    except InputError as error:
        print(f"darts_tenas.py: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
