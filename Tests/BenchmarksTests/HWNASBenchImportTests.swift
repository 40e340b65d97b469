import XCTest
import SearchSpaces
import TestSupport
@testable import Benchmarks

/// `agnet data import hwnasbench` on a pickle laid out like `HW-NAS-Bench-v1_0.pickle`, written
/// by python3 from values we really have: the published outputs of HW-NAS-Bench's example.ipynb
/// (archs 0, 1, 2 on all three datasets) and the shipped CIFAR-10 table. The other archs of
/// CIFAR-100 and ImageNet16-120 are not published anywhere we can read: the writer derives them
/// from CIFAR-10's (×1.5, ×0.25) only so that the file has the real shape.
final class HWNASBenchImportTests: XCTestCase {
  static let metrics = ["edgegpu_latency", "edgegpu_energy", "raspi4_latency", "edgetpu_latency", "pixel3_latency", "eyeriss_latency",
                        "eyeriss_energy", "eyeriss_arithmetic_intensity", "fpga_latency", "fpga_energy"]

  /// example.ipynb, first cell's output: the ten metrics and `average_hw_metric` (the product of
  /// all but eyeriss_arithmetic_intensity) of archs 0, 1, 2.
  static let published: [String: [[Double]]] = [
    "cifar10": [
      [5.807418537139893, 24.226614330768584, 10.481976820010459, 0.9571811309997429, 3.6058499999999998, 3.645620000000001,
       0.6872827644999999, 6.289297634665844, 2.57296, 18.01072, 591005.8676719831],
      [6.547689437866211, 29.997147878011067, 54.77739761998237, 1.4389883610001561, 17.2381, 7.577780000000003,
       1.5644240284999997, 20.86006697108513, 5.31536, 37.20752, 625714165.8534921],
      [6.509256362915039, 29.40231099128723, 50.40940375998616, 2.0300670009992245, 15.723, 10.526900000000001,
       2.0846801885, 9.855405336239704, 5.28656, 37.005919999999996, 1322070143.9215944],
    ],
    "cifar100": [
      [5.866079330444336, 24.471327606836955, 10.432981719932286, 0.9669485199992778, 5.04007, 3.648640000000001,
       0.6874206219999999, 6.267465213714637, 2.57296, 18.01072, 848343.0600009117],
      [6.49538516998291, 28.763730661074316, 54.55359055995359, 1.4470767620005063, 23.4768, 7.5808000000000035,
       1.5645618859999997, 20.824541103340195, 5.31536, 37.20752, 812222704.4957968],
      [6.567897796630859, 29.338799457550046, 49.32873783996911, 2.579378587000974, 21.7894, 10.52992,
       2.084818046, 9.84428376395304, 5.28656, 37.005919999999996, 2294387090.0059085],
    ],
    "ImageNet16-120": [
      [5.828042030334473, 24.238826804161075, 2.973176879895618, 0.7929624850075925, 1.33656, 0.9145600000000003,
       0.17677097200000003, 2.2148960216998193, 0.64912, 4.54384, 212.2595758338255],
      [6.373348236083984, 27.730438175201414, 8.764811480068602, 1.0751235479983734, 6.59465, 1.8976000000000006,
       0.4007401879999999, 6.2913928924685605, 1.8784, 13.148800000000001, 206280.8222021256],
      [6.557350158691406, 28.281851234436036, 8.361578920012107, 1.4812845270062098, 5.85365, 2.63488,
       0.5342876919999999, 2.9733837772397096, 1.4208, 9.9456, 267478.9980335615],
    ],
  ]

  /// Our column for each HW-NAS-Bench metric.
  static func column(_ metric: String) -> String {
    metric.hasSuffix("_latency") ? metric + "_ms" : metric.hasSuffix("_energy") ? metric + "_mj" : metric
  }

  /// Writes the pickle: `variant` "lists" (plain Python lists), "numpy" (numpy arrays),
  /// "short" (ImageNet16-120's fpga_energy one entry short), "class" (a non-data class inside),
  /// "badarch" (CIFAR-100's arch 5 not a cell).
  static let writer = #"""
import csv, json, math, pickle, sys
shipped, published, out, variant = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
metrics = json.loads(published)["metrics"]
examples = json.loads(published)["values"]
column = lambda m: m + "_ms" if m.endswith("_latency") else m + "_mj" if m.endswith("_energy") else m
rows = list(csv.DictReader(open(shipped)))
assert len(rows) == 15625 and [int(r["index"]) for r in rows] == list(range(15625))
data = {"nasbench201": {}, "fbnet": {"edgegpu_latency": {"ConvNorm_H32_W32_Cin3_Cout16_kernel3_stride1_group1": 0.1}}}
for dataset, scale, classes in [("cifar10", 1.0, 10), ("cifar100", 1.5, 100), ("ImageNet16-120", 0.25, 120)]:
    table = {}
    for k, metric in enumerate(metrics):
        values = []
        for index, row in enumerate(rows):
            if index < 3:
                values.append(examples[dataset][index][k])
            elif row[column(metric)] == "":
                values.append(float("nan"))
            else:
                value = float(row[column(metric)])
                values.append(value if value == -1 else value * scale)
        table[metric] = values
    table["config"] = [{"name": "infer.tiny", "C": 16, "N": 5, "arch_str": r["arch"], "num_classes": classes} for r in rows]
    if variant == "numpy":
        import numpy
        for metric in metrics:
            table[metric] = numpy.array(table[metric])
    if variant == "short" and dataset == "ImageNet16-120":
        table["fpga_energy"] = table["fpga_energy"][:-1]
    if variant == "badarch" and dataset == "cifar100":
        table["config"][5] = dict(table["config"][5], arch_str="|bogus~0|")
    if variant == "class":
        import collections
        table["config"][7] = collections.OrderedDict(table["config"][7])
    data["nasbench201"][dataset] = table
with open(out, "wb") as f:
    pickle.dump(data, f)
"""#

  static func pickle(_ variant: String, in folder: URL) throws -> URL {
    let script = folder.appendingPathComponent("write.py")
    try Data(writer.utf8).write(to: script)
    let published = String(decoding: try JSONSerialization.data(withJSONObject: ["metrics": metrics, "values": Self.published]), as: UTF8.self)
    let output = folder.appendingPathComponent("HW-NAS-Bench-v1_0-\(variant).pickle")
    let result: PythonRunner.Result
    do {
      result = try PythonRunner(python: "python3").run([script.path, TestData.file(HWNASBench.file).path, published, output.path, variant])
    } catch {
      throw XCTSkip("python3 is not available: \(error)")
    }
    if variant == "numpy" && result.standardError.contains("No module named 'numpy'") { throw XCTSkip("numpy is not installed") }
    guard result.status == 0 else { throw InputError("the fixture writer failed: \(result.standardError)") }
    return output
  }

  func pickle(_ variant: String) throws -> URL { try Self.pickle(variant, in: scratchDirectory("agnet-hwnasbench")) }

  /// A data directory with the shipped NAS-Bench-201 table (for the index join).
  static func dataDirectory(_ folder: URL) throws -> DataDirectory {
    let data = DataDirectory(folder)
    try FileManager.default.createDirectory(at: data.file("nasbench201"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: TestData.file(BenchmarkCatalog.nasbench201File), to: data.file(BenchmarkCatalog.nasbench201File))
    return data
  }

  func dataDirectory() throws -> DataDirectory { try Self.dataDirectory(scratchDirectory("agnet-data")) }

  /// One import of the plain-list pickle, shared by the tests that only read its tables.
  static let work = TestData.temporaryDirectory("agnet-hwnasbench-import")
  static let imported: Result<(DataDirectory, [String]), Error> = Result {
    let data = try dataDirectory(work.appendingPathComponent("data"))
    var log: [String] = []
    try HWNASBenchImporter { log.append($0) }.importFile(try pickle("lists", in: work), into: data, replace: false)
    return (data, log)
  }

  override class func tearDown() {
    try? FileManager.default.removeItem(at: work)
    super.tearDown()
  }

  /// A CSV without quotes as rows of fields.
  func rows(_ url: URL) throws -> [[String]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  func testPublishedExampleValuesAreConsistent() {
    // average_hw_metric is the product of the nine device metrics: checks the transcription.
    for (dataset, archs) in Self.published {
      for values in archs {
        let product = values.prefix(10).enumerated().filter { Self.metrics[$0.offset] != "eyeriss_arithmetic_intensity" }
          .reduce(1.0) { $0 * $1.element }
        XCTAssertEqual(product, values[10], accuracy: values[10] * 1e-12, dataset)
      }
    }
  }

  func testArchs012MatchThePublishedExampleOnEveryDataset() throws {
    let (data, log) = try Self.imported.get()
    XCTAssertTrue(log.contains { $0.contains("same index for every cell") }, "\(log)")
    for (source, dataset) in HWNASBenchImporter.datasets {
      let benchmark = try BenchmarkCatalog.nasbench201(dataset: dataset, dataDirectory: data)
      XCTAssertTrue(benchmark.notes.contains { $0.contains("HW-NAS-Bench costs joined") })
      for index in 0..<3 {
        let cell = try XCTUnwrap(benchmark.cells.first { (try? benchmark.value("index", of: $0)) == Double(index) })
        for (k, metric) in Self.metrics.enumerated() {
          XCTAssertEqual(try benchmark.value(Self.column(metric), of: cell), Self.published[source]![index][k], "\(source) \(index) \(metric)")
        }
      }
    }
  }

  func testCIFAR10MatchesTheShippedTable() throws {
    let (data, _) = try Self.imported.get()
    let shipped = try rows(TestData.file(HWNASBench.file))
    let imported = try rows(data.file(HWNASBench.file))
    XCTAssertEqual(imported[0], shipped[0], "same columns in the same order")
    XCTAssertEqual(imported.count, 15_626)
    // Archs 3…: value for value, empty where the shipped table is empty.
    for row in 4..<imported.count {
      XCTAssertEqual(imported[row][0...1], shipped[row][0...1])
      for field in 2..<shipped[row].count where Double(imported[row][field]) != Double(shipped[row][field]) {
        XCTFail("row \(row) \(shipped[0][field]): \(imported[row][field]) ≠ \(shipped[row][field])")
      }
    }
    // The published CIFAR-10 values of archs 1 and 2 are the shipped ones to its six decimals.
    for index in 1...2 {
      for (k, metric) in Self.metrics.enumerated() {
        let field = shipped[0].firstIndex(of: Self.column(metric))!
        XCTAssertEqual(Double(shipped[index + 1][field])!, Self.published["cifar10"]![index][k], accuracy: 5e-7, "\(index) \(metric)")
      }
    }
  }

  func testNumpyArraysGiveTheSameTables() throws {
    let (listData, _) = try Self.imported.get()
    let data = try dataDirectory()
    try HWNASBenchImporter().importFile(try pickle("numpy"), into: data, replace: false)
    for (_, dataset) in HWNASBenchImporter.datasets {
      XCTAssertEqual(try Data(contentsOf: data.file(HWNASBench.file(for: dataset))),
                     try Data(contentsOf: listData.file(HWNASBench.file(for: dataset))), dataset.rawValue)
    }
  }

  func testImageNetCostsServeAHardwareAwareSearch() throws {
    let (data, _) = try Self.imported.get()
    let benchmark = try BenchmarkCatalog.nasbench201(dataset: .imagenet16, dataDirectory: data)
    XCTAssertNoThrow(try benchmark.requireCostColumns(["edgegpu_latency_ms"]))
    let cell = try NASBench201Cell(archString: "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
    XCTAssertEqual(try benchmark.value("edgegpu_latency_ms", of: cell), 5.828042030334473)
    let latencies = try benchmark.column("edgegpu_latency_ms").filter { !$0.isNaN }
    XCTAssertGreaterThan(latencies.filter { $0 <= 5 }.count, 100, "--max-cost 5 leaves cells to search")
  }

  func testBadPicklesAreOneLineErrorsAndKeepTheOldTables() throws {
    for (variant, expected) in [("short", "has 15624 entries, expected 15625"), ("class", "refusing to load collections.OrderedDict")] {
      let data = try dataDirectory()
      let old = Data("old\n".utf8)
      try old.write(to: data.file(HWNASBench.file))
      XCTAssertThrowsError(try HWNASBenchImporter().importFile(try pickle(variant), into: data, replace: true)) { error in
        let message = "\(error)"
        XCTAssertTrue(message.contains(expected), message)
        XCTAssertFalse(message.contains("\n"), message)
      }
      XCTAssertEqual(try Data(contentsOf: data.file(HWNASBench.file)), old)
      XCTAssertFalse(FileManager.default.fileExists(atPath: data.file(HWNASBench.file(for: .cifar100)).path))
    }
    let data = try dataDirectory()
    try Data("x".utf8).write(to: data.file(HWNASBench.file))
    XCTAssertThrowsError(try HWNASBenchImporter().importFile(try pickle("lists"), into: data, replace: false)) { error in
      XCTAssertTrue("\(error)".contains("already exists; pass --force"), "\(error)")
    }
    let notPickle = scratchDirectory().appendingPathComponent("x.pickle")
    try Data("not a pickle".utf8).write(to: notPickle)
    XCTAssertThrowsError(try HWNASBenchImporter().importFile(notPickle, into: data, replace: true)) { error in
      XCTAssertTrue("\(error)".contains("not a readable pickle"), "\(error)")
    }
  }

  /// Issue 30: a message holding a newline was cut to its last fragment (`…pickle failed: '`), a
  /// bad row named a converted temporary file that no longer exists, and an interpreter that
  /// writes nothing (`--python /bin/true`) passed as "checked" and then failed on a staging file.
  func testErrorsAreOneLineAboutTheUsersPickle() throws {
    guard (try? PythonRunner(python: "python3").run(["-c", "pass"]))?.status == 0 else { throw XCTSkip("python3 is not available") }
    let data = try dataDirectory()
    func assertRejected(_ pickle: URL, python: String = "python3", _ expected: String, line: UInt = #line) {
      XCTAssertThrowsError(try HWNASBenchImporter(python: python).importFile(pickle, into: data, replace: true), line: line) { error in
        let message = "\(error)"
        XCTAssertTrue(message.hasPrefix(pickle.path + ": "), message, line: line)
        XCTAssertTrue(message.contains(expected), message, line: line)
        XCTAssertFalse(message.contains("\n"), message, line: line)
        XCTAssertFalse(message.dropFirst(pickle.path.count).contains(FileManager.default.temporaryDirectory.path),
                       "names a temporary file: \(message)", line: line)
      }
      XCTAssertFalse(FileManager.default.fileExists(atPath: data.file(HWNASBench.file).path), line: line)
    }
    // Protocol 4: STACK_GLOBAL of a module name that holds a newline.
    let module = Array("evil\nmodule".utf8), name = Array("x'".utf8)
    let newline = scratchDirectory().appendingPathComponent("newline.pickle")
    try Data([0x80, 4, 0x8c, UInt8(module.count)] + module + [0x8c, UInt8(name.count)] + name + [0x93, UInt8(ascii: ".")])
      .write(to: newline)
    assertRejected(newline, "refusing to load evil\\nmodule.x': HW-NAS-Bench holds only plain data")
    assertRejected(try pickle("badarch"), "at NAS-Bench-201 index 5 (line 7 of the converted hwnasbench_cifar100.csv)")
    assertRejected(newline, python: "/bin/true", "/bin/true exited with status 0 but wrote no hwnasbench_cifar10.csv")

    let traceback = PythonRunner.Result(status: 1, standardOutput: "", standardError: """
      Traceback (most recent call last):
        File "convert.py", line 3, in <module>
      ValueError: first line
      second line
      '

      """)
    XCTAssertEqual(traceback.lastErrorLine, "ValueError: first line second line")
    XCTAssertEqual(PythonRunner.Result(status: 1, standardOutput: "", standardError: String(repeating: "x", count: 1000)).lastErrorLine,
                   String(repeating: "x", count: PythonRunner.Result.maxErrorLength) + "…")
  }

  /// Issue 30: the three tables were renamed into place one by one, so a failure on the second
  /// left the first replaced: the import replaces all three or none.
  func testAFailedReplacementKeepsEveryOldTable() throws {
    let data = try dataDirectory()
    let old = Data("old\n".utf8)
    try old.write(to: data.file(HWNASBench.file))
    // The CIFAR-100 table's place holds a non-empty folder: no file can be renamed over it.
    let blocked = data.file(HWNASBench.file(for: .cifar100))
    try FileManager.default.createDirectory(at: blocked.appendingPathComponent("x"), withIntermediateDirectories: true)
    let before = try FileManager.default.contentsOfDirectory(atPath: blocked.deletingLastPathComponent().path).sorted()
    XCTAssertThrowsError(try HWNASBenchImporter().importFile(try pickle("lists"), into: data, replace: true)) { error in
      XCTAssertTrue("\(error)".hasPrefix(blocked.path + ": "), "\(error)")
    }
    XCTAssertEqual(try Data(contentsOf: data.file(HWNASBench.file)), old, "the CIFAR-10 table was replaced")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: blocked.deletingLastPathComponent().path).sorted(), before,
                   "files left behind")
  }
}
