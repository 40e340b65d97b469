import Foundation
import SearchSpaces

/// `agnet data import hwnasbench FILE`: HW-NAS-Bench's `HW-NAS-Bench-v1_0.pickle`
/// (GATECH-EIC/HW-NAS-Bench) into one cost table per NAS-Bench-201 dataset,
/// `HWNASBench.file(for:)`, each joined by `--benchmark nasbench201 --dataset D`.
///
/// The file is a Python pickle, so a small Python script reads it (Python 3; numpy too when the
/// pickle holds numpy arrays, which are the only classes it lets the pickle load). Its layout, as
/// `hw_nas_bench_api.py` reads it: `data["nasbench201"][dataset][metric][arch_index]` for the
/// datasets `cifar10`, `cifar100`, `ImageNet16-120` and ten metrics, and
/// `data["nasbench201"][dataset]["config"][arch_index]["arch_str"]` for the cell. Each table has
/// `index` (the NAS-Bench-201 index), `arch` and the ten metrics with their units in the name
/// (`edgegpu_latency` → `edgegpu_latency_ms`, `…_energy` → `…_energy_mj`,
/// `eyeriss_arithmetic_intensity` unchanged). Values are written as Python's `repr` (exact); a
/// missing or non-finite value becomes an empty field; HW-NAS-Bench's -1 is kept and read as
/// missing (`HWNASBench.schema`).
///
/// The written tables are loaded with the catalogue's own loader before they replace anything,
/// joined to the `nasbench201/nasbench201.csv` the catalogue would use (the data directory's, else
/// the shipped one), which also checks that every cell's index agrees.
public struct HWNASBenchImporter {
  /// HW-NAS-Bench's dataset keys and ours.
  public static let datasets: [(source: String, dataset: NASBench201Dataset)] =
    [("cifar10", .cifar10), ("cifar100", .cifar100), ("ImageNet16-120", .imagenet16)]

  public var python: String
  public var log: (String) -> Void

  public init(python: String = "python3", log: @escaping (String) -> Void = { _ in }) {
    self.python = python
    self.log = log
  }

  /// Imports `pickle` and returns the three written tables.
  @discardableResult
  public func importFile(_ pickle: URL, into dataDirectory: DataDirectory, replace: Bool) throws -> [URL] {
    guard FileManager.default.fileExists(atPath: pickle.path) else { throw InputError("no such file", file: pickle.path) }
    let outputs = Self.datasets.map { dataDirectory.file(HWNASBench.file(for: $0.dataset)) }
    for output in outputs { try StagedFile.checkReplaceable(output, replace: replace, what: "the imported costs") }

    let work = FileManager.default.temporaryDirectory.appendingPathComponent("agnet-hwnasbench-\(UUID().uuidString)")
    let check = DataDirectory(work.appendingPathComponent("check"))
    try StagedFile.createFolder(for: check.file(HWNASBench.file))
    defer { try? FileManager.default.removeItem(at: work) }
    let script = work.appendingPathComponent("convert.py")
    try Data(Self.source.utf8).write(to: script)
    let result = try PythonRunner(python: python).run([script.path, pickle.path, check.file("nasbench201").path])
    guard result.status == 0 else {
      throw InputError("reading the HW-NAS-Bench pickle failed: \(result.lastErrorLine)", file: pickle.path)
    }
    let written = Self.datasets.map { check.file(HWNASBench.file(for: $0.dataset)) }
    let missing = written.filter { !FileManager.default.fileExists(atPath: $0.path) }.map(\.lastPathComponent)
    guard missing.isEmpty else {
      throw InputError("\(python) exited with status 0 but wrote no \(missing.joined(separator: ", ")); "
        + "is it a Python 3 interpreter? (pass --python PATH)", file: pickle.path)
    }
    for line in result.standardOutput.split(separator: "\n") { log(String(line)) }
    do {
      try Self.check(check, dataDirectory: dataDirectory, log: log)
    } catch let error as InputError where error.file.map({ $0.hasPrefix(work.path) }) ?? false {
      // The converted tables are temporary: name the user's pickle, and the cell of the bad row.
      let name = URL(fileURLWithPath: error.file!).lastPathComponent
      let row = error.line.map { " at NAS-Bench-201 index \($0 - 2) (line \($0) of the converted \(name))" } ?? " (in the converted \(name))"
      throw InputError("\(error.message)\(row)", file: pickle.path)
    }
    try StagedFile.replaceAll(Array(zip(written, outputs)))
    return outputs
  }

  /// Loads the converted tables in `check` as the catalogue will: joined to the NAS-Bench-201
  /// table of `dataDirectory` when it has one, else each alone.
  private static func check(_ check: DataDirectory, dataDirectory: DataDirectory, log: (String) -> Void) throws {
    if let table = dataDirectory.locate(BenchmarkCatalog.nasbench201File) {
      try FileManager.default.createSymbolicLink(at: check.file(BenchmarkCatalog.nasbench201File), withDestinationURL: table)
      for (_, dataset) in datasets {
        _ = try BenchmarkCatalog.nasbench201(dataset: dataset, dataDirectory: check)
      }
      log("checked: each table joins \(table.path) (same index for every cell)")
    } else {
      for (_, dataset) in datasets {
        let file = check.file(HWNASBench.file(for: dataset))
        let contents = try TableLoader.read(file, space: NASBench201Space(), schema: HWNASBench.schema)
        guard contents.cells.count == NASBench201Cell.cellCount else {
          throw InputError("has \(contents.cells.count) cells; HW-NAS-Bench covers all \(NASBench201Cell.cellCount)", file: file.path)
        }
      }
      log("checked each table alone (\(BenchmarkCatalog.nasbench201File) is not in \(dataDirectory.url.path), so the index join was not checked)")
    }
  }

  /// The converter: reads only plain data and numpy arrays from the pickle, checks the layout,
  /// writes the three CSV files into the folder it is given.
  static let source = #"""
import math
import os
import pickle
import sys

CELLS = 15625
DATASETS = [("cifar10", "cifar10"), ("cifar100", "cifar100"), ("ImageNet16-120", "imagenet16")]
METRICS = [("raspi4_latency", "raspi4_latency_ms"), ("pixel3_latency", "pixel3_latency_ms"),
           ("eyeriss_latency", "eyeriss_latency_ms"), ("fpga_latency", "fpga_latency_ms"),
           ("edgegpu_latency", "edgegpu_latency_ms"), ("edgegpu_energy", "edgegpu_energy_mj"),
           ("edgetpu_latency", "edgetpu_latency_ms"), ("eyeriss_energy", "eyeriss_energy_mj"),
           ("eyeriss_arithmetic_intensity", "eyeriss_arithmetic_intensity"), ("fpga_energy", "fpga_energy_mj")]
# What numpy needs to unpickle arrays and scalars (both module spellings: numpy 1 and 2).
NUMPY = {("numpy", "ndarray"), ("numpy", "dtype"), ("numpy.core.multiarray", "_reconstruct"),
         ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "_reconstruct"),
         ("numpy._core.multiarray", "scalar")}


def fail(message):
    # One line, bounded: names and values quoted from the pickle may hold newlines or be huge.
    line = message.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    sys.stderr.write((line if len(line) <= 300 else line[:300] + "...") + "\n")
    sys.exit(2)


class PlainData(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) in NUMPY:
            try:
                return super().find_class(module, name)
            except ImportError:
                fail("the pickle holds numpy arrays: install numpy for this Python (pip install numpy) or pass --python")
        fail(f"refusing to load {module}.{name}: HW-NAS-Bench holds only plain data and numpy arrays")


def sequence(value, where):
    if hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, (list, tuple)):
        fail(f"{where} is a {type(value).__name__}, expected a sequence of {CELLS} entries")
    if len(value) != CELLS:
        fail(f"{where} has {len(value)} entries, expected {CELLS} (one per NAS-Bench-201 cell)")
    return value


def text(value, where):
    if value is None:
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        fail(f"{where}: {value!r} is not a number")
    return repr(number) if math.isfinite(number) else ""


def main(path, folder):
    with open(path, "rb") as f:
        try:
            data = PlainData(f).load()
        except (pickle.UnpicklingError, EOFError) as error:
            fail(f"not a readable pickle ({error})")
    if not isinstance(data, dict) or "nasbench201" not in data:
        fail("expected a dict with the key 'nasbench201' (HW-NAS-Bench-v1_0.pickle's layout)")
    space = data["nasbench201"]
    for source, ours in DATASETS:
        if source not in space:
            fail(f"data['nasbench201'] has no dataset '{source}'; it has {sorted(space)}")
        table = space[source]
        for key in [m for m, _ in METRICS] + ["config"]:
            if key not in table:
                fail(f"data['nasbench201']['{source}'] has no '{key}'")
        configs = sequence(table["config"], f"data['nasbench201']['{source}']['config']")
        columns = [sequence(table[m], f"data['nasbench201']['{source}']['{m}']") for m, _ in METRICS]
        partial = os.path.join(folder, f".hwnasbench_{ours}.csv.partial")
        missing = [0] * len(METRICS)
        with open(partial, "w", newline="\n") as out:
            out.write(",".join(["index", "arch"] + [c for _, c in METRICS]) + "\n")
            for index in range(CELLS):
                config = configs[index]
                if not isinstance(config, dict) or not isinstance(config.get("arch_str"), str):
                    fail(f"data['nasbench201']['{source}']['config'][{index}] has no arch_str")
                row = [str(index), config["arch_str"]]
                for k, (metric, _) in enumerate(METRICS):
                    value = text(columns[k][index], f"data['nasbench201']['{source}']['{metric}'][{index}]")
                    if value in ("", "-1.0"):
                        missing[k] += 1
                    row.append(value)
                out.write(",".join(row) + "\n")
        os.replace(partial, os.path.join(folder, f"hwnasbench_{ours}.csv"))
        gaps = ", ".join(f"{c} {n}" for (_, c), n in zip(METRICS, missing) if n)
        print(f"{source}: {CELLS} cells" + (f"; missing or -1: {gaps}" if gaps else "; every value present"))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        fail("usage: convert.py HW-NAS-Bench-v1_0.pickle OUTPUT_FOLDER")
    main(sys.argv[1], sys.argv[2])
"""#
}
