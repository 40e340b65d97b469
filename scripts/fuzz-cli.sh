#!/usr/bin/env bash
# Throws random command lines, tells, tables with extreme numbers and misbehaving evaluation
# commands at the `agnet` binary, under a watchdog; and, since issue 30, three more families of inputs:
#   - darts: ask/tell runs of `--space darts` told (and `evaluate` commands printing) mutated
#     genotype text (huge or negative concat ranges, unknown ops, wrong node indices, truncation,
#     10k-character names, unicode), `space sample/info/enumerate darts` variations;
#   - merge: shards of one `agnet search --shard i/n`, corrupted (truncated, deleted, renamed or
#     edited trial files, wrong JSON, missing or foreign shards) and merged into a new, empty,
#     non-empty or file output; a refused merge leaves no file behind, an accepted one is complete,
#     the shards are never changed;
#   - import: `agnet data import` of bit-flipped, truncated, random or empty TFRecord files (from
#     Tests/Fixtures/nasbench101), a FIFO, a folder, and broken pickles or interpreters for hwnasbench;
#     the data folder's existing table is kept when the import is refused.
# Every call is checked for what issue 19 promises:
#   - no signal, no "Fatal error", no hang (every call ends within the watchdog);
#   - exit status 0, 1 (bad input, one line "agnet: …") or 64 (misuse), never a raw Foundation
#     error (NSCocoaErrorDomain);
#   - after any rejected call the run directory is byte for byte as it was;
#   - every ask/tell run that `agnet init` accepted can be finished by telling valid results, and
#     every accepted search or comparison ends with its summary.
#
#   scripts/fuzz-cli.sh [SECONDS [SEED [AGNET [DATA_DIR]]]]
#     defaults: 600 s, a seed from the clock, .build/release/agnet, the shipped tables (Sources/Benchmarks/Data)
#
# The known cases of issue 19 run first; the end prints the calls and exit statuses per family.
# Failures are listed in fuzz-out/cli-SEED/failures.txt with the command that caused them; the exit
# status is 1 when there is any.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
seed=${2:-$(date +%s)}
agnet=$(realpath "${3:-.build/release/agnet}")
data=$(realpath "${4:-$(dirname "$0")/../Sources/Benchmarks/Data}")
out=fuzz-out/cli-$seed
rm -rf "$out"
mkdir -p "$out"
echo "fuzzing the agnet CLI for $seconds s, seed $seed (work and failures in $out)"
exec python3 - "$seconds" "$seed" "$agnet" "$data" "$(realpath "$out")" <<'PYTHON'
import hashlib, json, os, random, shlex, signal, subprocess, sys, time

seconds, seed, agnet, data, out = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rng = random.Random(seed)
deadline = time.time() + seconds
WATCHDOG = 180  # seconds for one call: every generated call is small, so this is a hang
stats = {"calls": 0, "ok": 0, "input_error": 0, "usage_error": 0, "runs_finished": 0, "runs_checked": 0}
failures = []
D = ["--data-dir", data]

def fail(kind, detail):
    failures.append(f"{kind}: {detail}")
    print(f"FAIL {kind}: {detail[:300]}", flush=True)

def snapshot(directory):
    """Every file under a directory with its hash (None: the directory does not exist)."""
    if not os.path.isdir(directory):
        return None
    result = {}
    for root, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                result[os.path.relpath(path, directory)] = hashlib.sha256(f.read()).hexdigest()
    return result

family = "cli"  # which generator made the current call, for the calls-per-family count
per_family = {}

def call(args, stdin=b"", guard=None, expect=None, cwd=None):
    """Runs agnet; checks the universal promises. `guard`: a directory that must be unchanged when
    the call is refused. Returns (status, stdout, stderr) or None after a hang."""
    stats["calls"] += 1
    before = snapshot(guard) if guard else None
    text = "agnet " + " ".join(shlex.quote(a) for a in args)
    p = subprocess.Popen([agnet] + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         cwd=cwd or out, start_new_session=True)
    try:
        stdout, stderr = p.communicate(stdin, timeout=WATCHDOG)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)  # agnet and everything it started
        p.communicate()
        fail("hang", text)
        return None
    p.stdout, p.stderr = stdout, stderr
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0 or p.returncode >= 128 or "Fatal error" in err or "Backtrac" in err:
        fail("signal", f"{text} -> {p.returncode}: {err[-400:]}")
    elif p.returncode not in (0, 1, 64):
        fail("exit status", f"{text} -> {p.returncode}: {err[-300:]}")
    if "NSCocoaErrorDomain" in err or "Error Domain=" in err or "EncodingError" in err:
        fail("raw error", f"{text}: {err[-300:]}")
    if p.returncode == 1:
        last = err.rstrip("\n").split("\n")[-1]
        if not last.startswith("agnet: "):
            fail("not one line", f"{text}: {err[-300:]}")
    stats[{0: "ok", 1: "input_error", 64: "usage_error"}.get(p.returncode, "ok")] += 1
    counts = per_family.setdefault(family, {"calls": 0, "exit 0": 0, "exit 1": 0, "exit 64": 0})
    counts["calls"] += 1
    counts["exit %d" % p.returncode] = counts.get("exit %d" % p.returncode, 0) + 1
    if expect is not None and p.returncode != expect:
        told = f" <<< {stdin[:600].decode('utf-8', 'replace')!r}" if stdin else ""
        fail("expected exit %d" % expect, f"{text}{told} -> {p.returncode}: {err[-300:]}")
    if guard and p.returncode != 0 and snapshot(guard) != before:
        fail("changed by a refused call", text)
    return p.returncode, p.stdout.decode("utf-8", "replace"), err

# ---- tables with extreme numbers ------------------------------------------------------------
with open(os.path.join(data, "nasbench201", "nasbench201.csv")) as f:
    nb201 = [line.rstrip("\n").split(",") for line in f][1:]
EXTREME = ["1.7976931348623157e308", "-1.7976931348623157e308", "1e308", "1e20", "-1e13", "1e12", "-1e12",
           "1000000000000.5", "5e-324", "0", "-0", "nan", "inf", "", "1e999", "0x10", "9" * 400]

def table(name, rows=200):
    """A user table of NB201 cells: mostly real accuracies, some columns scaled or extreme."""
    scale = rng.choice([1, 1, 1e-300, 1e10, 1e11, 1e20])
    chosen = rng.sample(nb201, rows)
    path = os.path.join(out, name)
    with open(path, "w") as f:
        f.write("arch,acc,test,cost\n")
        for r in chosen:
            acc = repr(float(r[2]) * scale)
            if rng.random() < 0.02:
                acc = rng.choice(EXTREME)
            cost = rng.choice([r[12], r[12], r[12], rng.choice(EXTREME)]) if rng.random() < 0.05 else r[12]
            f.write(f"{r[1]},{acc},{r[3]},{cost}\n")
    return path

# ---- random command lines --------------------------------------------------------------------
NUMBERS = ["0", "1", "2", "3", "7", "16", "-1", "-5", "99999999999999", "10000000000", "9223372036854775807",
           "9223372036854775808", "18446744073709551615", "18446744073709551616", "1e3", "abc", "", " ", "3.5", "nan"]
SMALL = ["1", "2", "3", "5", "8", "16", "24"]
METHODS = ["rs", "re", "ls", "bananas", "agnet", "agnet-hw", "nope", "", "RS", "rs,re"]
PARAMS = ["population_size=5", "population_size=0", "population_size=abc", "tournament_size=3", "foo=1", "foo",
          "=3", "re.population_size=4", "rs.population_size=4", "agnet.initial_cells=8", "initial_cells=8",
          "ticks=1", "train_batch_size=8", "candidates=10", "candidate_batches=50,100", "learning_rate=1e30",
          "alpha=nan", "value_scale=1e300", "generator=/nonexistent", "mutation_attempts=-3", "weighting=bogus"]
COSTS = ["fpga_latency_ms", "pixel3_latency_ms", "latency_ms", "cost", "nope"]

def output_path():
    return rng.choice([os.path.join(out, "runs", f"r{rng.randrange(6)}"), os.path.join(out, "a-file"),
                       os.path.join(out, "a-file", "under"), "/proc/version/x", "", os.path.join(out, "runs")])

def small_or_wild(pool_small, wild=0.15):
    return rng.choice(NUMBERS) if rng.random() < wild else rng.choice(pool_small)

def agnet_light(method):
    # AG-Net with its published settings takes seconds per round: keep the fuzzed ones small.
    if method.startswith("agnet") and rng.random() < 0.9:
        return ["--param", "initial_cells=8", "--param", "ticks=1", "--param", "train_batch_size=8",
                "--param", "candidates=10", "--param", "candidate_batches=50,100"]
    return []

def benchmark_args():
    r = rng.random()
    if r < 0.6:
        return ["--benchmark", "nasbench201", "--dataset", rng.choice(["cifar10", "cifar10", "cifar100", "imagenet16", "x"])]
    if r < 0.7:
        return ["--benchmark", "nasbench101"]
    if r < 0.95:
        return ["--table", table(f"t{rng.randrange(4)}.csv"), "--space", "nasbench201", "--search-metric",
                rng.choice(["acc", "acc", "test", "nope"])] + (["--report-metric", "test"] if rng.random() < 0.5 else [])
    return rng.choice([["--benchmark", "nasbench201", "--table", "x.csv"], [], ["--table", "/nonexistent.csv", "--space", "nasbench201", "--search-metric", "acc"]])

def cost_args(has_cost_table):
    if rng.random() < 0.7:
        return []
    args = ["--cost", rng.choice(COSTS if not has_cost_table else ["cost"] + COSTS)]
    if rng.random() < 0.8:
        args += ["--max-cost", rng.choice(["3", "12", "1e308", "-1", "nan", "abc"])]
    if rng.random() < 0.3:
        args += ["--mode", rng.choice(["constraint", "joint", "x"])]
    return args

def random_search():
    method = rng.choice(METHODS)
    bench = benchmark_args()
    args = ["search"] + bench + ["--method", method, "--trials", small_or_wild(["1", "1", "2", "3"]),
                                "--budget", small_or_wild(SMALL), "--output", output_path()] + D
    if rng.random() < 0.3: args += ["--seed", rng.choice(NUMBERS)]
    if rng.random() < 0.2: args += ["--batch-size", small_or_wild(SMALL)]
    if rng.random() < 0.2: args += ["--report-every", small_or_wild(SMALL)]
    if rng.random() < 0.3: args += ["--param", rng.choice(PARAMS)]
    if rng.random() < 0.1: args += ["--jobs", rng.choice(["0", "1", "2", "-3"])]
    args += cost_args("--table" in bench) + agnet_light(method)
    return args

def random_compare():
    methods = ",".join(rng.choice(METHODS[:4] + ["", "nope", "rs"]) for _ in range(rng.randint(1, 3)))
    bench = benchmark_args()
    return (["compare"] + bench + ["--methods", methods, "--trials", small_or_wild(["1", "2"]),
                                   "--budget", small_or_wild(SMALL), "--output", output_path()] + D
            + (["--param", rng.choice(PARAMS)] if rng.random() < 0.3 else []) + cost_args("--table" in bench))

def random_other():
    return rng.choice([
        ["generate", "--space", "nasbench201", "--count", small_or_wild(["1", "10", "100"], 0.5)],
        ["space", "sample", rng.choice(["nasbench201", "nasbench101", "x"]), "--count", small_or_wild(["0", "3"], 0.5)]
        + (["--output", output_path()] if rng.random() < 0.3 else []),
        ["benchmark", "info"] + benchmark_args() + D,
        ["plot", output_path()],
        ["merge", "--output", output_path(), output_path(), output_path()],
        ["ask", "--run", output_path(), "--count", rng.choice(NUMBERS)] + D,
        ["tell", "--run", output_path(), "--file", rng.choice(["/nonexistent", os.path.join(out, "a-file"), "/proc/version"])] + D,
        ["init", "--run", output_path(), "--space", rng.choice(["nasbench201", "nasbench101", "darts?", ""]),
         "--method", rng.choice(METHODS), "--trials", rng.choice(NUMBERS + ["0-3", "0-9223372036854775807", "1-2"])] + D,
        ["evaluate", "--run", output_path(), "--command", rng.choice(["", " ", "echo 1"]), "--timeout", rng.choice(NUMBERS)] + D,
    ])

def check_finished_search(args, result):
    if result is None or result[0] != 0:
        return
    directory = args[args.index("--output") + 1]
    name = "results.json" if args[0] == "compare" else "summary.json"
    stats["runs_checked"] += 1
    if not os.path.exists(os.path.join(out, directory, name)):
        fail("unfinished", "agnet " + " ".join(shlex.quote(a) for a in args))
    else:
        stats["runs_finished"] += 1

# ---- ask/tell sessions -----------------------------------------------------------------------
def bad_line(ident):
    return rng.choice([
        json.dumps({"id": ident, "value": float(rng.choice(["1e308", "-1e13", "1e20"]))}),
        '{"id": "%s", "value": 1e999}' % ident,
        json.dumps({"id": ident, "value": 90, "report": 1e300}),
        json.dumps({"id": ident, "value": 90, "costs": {"cost": 1e308}}),
        json.dumps({"id": ident, "value": 90, "costs": {"other": 1}}),
        json.dumps({"id": ident}), json.dumps({"id": "t99-q0", "value": 1}), json.dumps({"value": 1}),
        '{"id": "%s", "value": NaN}' % ident, "not json", json.dumps({"id": ident, "value": "90"}),
        json.dumps({"id": ident, "value": 90, "failed": True}), json.dumps({"id": ident, "value": 90, "extra": 1}),
    ])

def good_line(ident, costs):
    if rng.random() < 0.15:
        return json.dumps({"id": ident, "failed": True})
    entry = {"id": ident, "value": round(rng.uniform(-1e12, 1e12) if rng.random() < 0.1 else rng.uniform(0, 100), 6)}
    if rng.random() < 0.5: entry["report"] = round(rng.uniform(0, 100), 6)
    if costs: entry["costs"] = {c: round(rng.uniform(0, 30), 4) for c in costs}
    return json.dumps(entry)

def asked_ids(text):
    ids = []
    for line in text.splitlines():
        try: ids.append(json.loads(line)["id"])
        except Exception: fail("ask output", line)
    return ids

def session():
    run = os.path.join(out, "runs", f"s{stats['calls']}")
    method = rng.choice(["rs", "re", "ls", "bananas", "agnet", "agnet-hw", "rs", "re"])
    costs = []
    args = ["init", "--run", run, "--space", "nasbench201", "--method", method,
            "--budget", rng.choice(["4", "8", "12", "17"]), "--trials", rng.choice(["1", "2", "0-1"])] + D
    if method == "agnet-hw" or rng.random() < 0.3:
        costs = ["cost"]
        args += ["--cost", "cost", "--max-cost", rng.choice(["10", "20"])]
    if rng.random() < 0.3: args += ["--benchmark", "nasbench201"]
    if rng.random() < 0.2: args += ["--batch-size", rng.choice(["1", "3", "4"])]
    if rng.random() < 0.2: args += ["--failure-value", rng.choice(["0", "-5", "1e300", "nan"])]
    if rng.random() < 0.2: args += ["--param", rng.choice(PARAMS)]
    args += agnet_light(method)
    if "--benchmark" in args and costs:  # a reference table has real cost columns only
        args[args.index("cost", args.index("--cost"))] = "fpga_latency_ms"
        costs = ["fpga_latency_ms"]
    result = call(args, guard=run)
    if result is None or result[0] != 0:
        return
    stats["runs_checked"] += 1
    # Random phase: asks, good and bad tells, evaluate with misbehaving commands.
    for _ in range(rng.randint(0, 12)):
        r = call(["ask", "--run", run, "--count", rng.choice(["1", "3", "20", "0", "-1", "x"])] + D, guard=run)
        if r is None: return
        ids = asked_ids(r[1]) if r[0] == 0 else []
        if not ids:
            continue
        lines = [good_line(i, costs) if rng.random() < 0.7 else bad_line(i) for i in rng.sample(ids, rng.randint(1, len(ids)))]
        if rng.random() < 0.1: lines.append(lines[0])
        if call(["tell", "--run", run] + D, stdin="\n".join(lines).encode(), guard=run) is None: return
        if rng.random() < 0.15:
            command = rng.choice(["sleep 1000 & echo 90", "echo 1e308", "exit 3", "echo '{\"value\": 1}'",
                                  "sleep 1000 & sleep 1000; echo 5", "kill -9 $$", "echo 50; exit 0"])
            r = call(["evaluate", "--run", run, "--command", command, "--timeout", rng.choice(["0.5", "1"])] + D, guard=None)
            if r is None: return
            if r[0] != 0:
                fail("evaluate refused", f"{command}: {r[2][-200:]}")
    finish(run, costs)

def finish(run, costs):
    """Tells valid results for every asked cell: an accepted run must end with its summary."""
    for _ in range(200):
        r = call(["ask", "--run", run, "--count", "50"] + D, guard=run)
        if r is None: return
        if r[0] != 0:
            fail("unfinishable", f"{run}: ask -> {r[2][-200:]}"); return
        ids = asked_ids(r[1])
        if not ids:
            break
        r = call(["tell", "--run", run] + D, stdin="\n".join(good_line(i, costs) for i in ids).encode(), guard=run)
        if r is None: return
        if r[0] != 0:
            fail("unfinishable", f"{run}: valid tell refused: {r[2][-200:]}"); return
    if os.path.exists(os.path.join(run, "summary.json")):
        stats["runs_finished"] += 1
    else:
        fail("unfinishable", f"{run}: no summary after telling every asked cell")

# ---- DARTS genotype text ---------------------------------------------------------------------
HUGE = ["99999999999", "99999999999999999999", "-1", "-99999999999", "9223372036854775807", "0", "1e3", "2.5"]

def mutated_genotype(text):
    """A genotype as `ask` printed it, broken one way: concat ranges, ops, node indices, length, unicode."""
    r = rng.randrange(9)
    if r == 0:
        field = rng.choice(["normal_concat", "reduce_concat"])
        start = text.index(field + "=") + len(field) + 1
        end = text.index("]", start) + 1
        return text[:start] + rng.choice([f"range(2, {rng.choice(HUGE)})", f"range({rng.choice(HUGE)}, 6)",
                                          f"[{rng.choice(HUGE)}, 3]", "[]", "range(2, 6", "[2, 3, 4, 5" + ", 5" * 5000 + "]"]) + text[end:]
    if r == 1:
        return text.replace(rng.choice(["sep_conv_3x3", "skip_connect", "max_pool_3x3", "dil_conv_5x5"]),
                            rng.choice(["conv_7x7", "none", "", "SEP_CONV_3X3", "x" * 10000, "sep_conv_3x3'"]), 1)
    if r == 2:
        i = text.index("), (") - 1
        return text[:i] + rng.choice(HUGE + ["5", "-0", "x", ""]) + text[i + 1:]
    if r == 3:
        return text[:rng.randrange(len(text))]
    if r == 4:
        i = rng.randrange(len(text))
        return text[:i] + rng.choice(["é", "\u202e", "😀", "\u0000", "\ufffd", "’", "\n", "\\"]) + text[i:]
    if r == 5:
        return text.replace("'", rng.choice(["\"", "’", ""]))
    if r == 6:
        return text.replace("Genotype(", rng.choice(["genotype(", "Genotype (", "", "Genotype(Genotype("]), 1)
    if r == 7:
        return text + rng.choice([")", " ", ", extra=1)", "x" * 10000])
    b = bytearray(text.encode())
    for _ in range(rng.randint(1, 4)):
        b[rng.randrange(len(b))] = rng.randrange(32, 127)
    return b.decode()

def spelling(genotype):
    """Genotype text without what its parser may ignore (white space, the kind of quotes)."""
    return "".join(genotype.split()).replace('"', "'")

def darts_session():
    run = os.path.join(out, "runs", f"d{stats['calls']}")
    method = rng.choice(["rs", "re", "ls", "rs"])
    args = ["init", "--run", run, "--space", "darts", "--method", method, "--budget", rng.choice(["2", "4", "6"]),
            "--trials", rng.choice(["1", "2"])] + D
    if rng.random() < 0.2: args += ["--batch-size", rng.choice(["1", "3"])]
    if rng.random() < 0.1: args += rng.choice([["--benchmark", "nasbench201"], ["--param", rng.choice(PARAMS)]])
    result = call(args, guard=run)
    if result is None or result[0] != 0:
        return
    stats["runs_checked"] += 1
    for _ in range(rng.randint(1, 6)):
        r = call(["ask", "--run", run, "--count", rng.choice(["1", "3", "20"])] + D, guard=run)
        if r is None: return
        asked = [json.loads(line) for line in r[1].splitlines() if line.startswith("{")] if r[0] == 0 else []
        if not asked:
            break
        lines, broken, respelled = [], False, False
        for a in rng.sample(asked, rng.randint(1, len(asked))):
            entry = {"id": a["id"], "value": round(rng.uniform(0, 100), 4)}
            if rng.random() < 0.5:
                entry["cell"] = mutated_genotype(a["cell"])
                broken = broken or spelling(entry["cell"]) != spelling(a["cell"])
                respelled = respelled or entry["cell"] != a["cell"]
            elif rng.random() < 0.5:
                entry["cell"] = a["cell"]
            lines.append(json.dumps(entry, ensure_ascii=rng.random() < 0.5))
        r = call(["tell", "--run", run] + D, stdin="\n".join(lines).encode(), guard=run, expect=1 if broken else None if respelled else 0)
        if r is None: return
        if rng.random() < 0.3:
            # evaluate: the command prints a result naming a mutated genotype, or the genotype itself.
            a = rng.choice(asked)
            printed = os.path.join(out, f"printed-{stats['calls']}.txt")
            with open(printed, "w") as f:
                f.write(rng.choice([json.dumps({"value": 1, "cell": mutated_genotype(a["cell"])}), mutated_genotype(a["cell"]),
                                    json.dumps({"value": 1, "cell": a["cell"]})]) + "\n")
            if call(["evaluate", "--run", run, "--command", f"cat {shlex.quote(printed)}", "--timeout", "5"] + D) is None: return
    finish(run, [])

def darts_other():
    sample = subprocess.run([agnet, "space", "sample", "darts", "--count", "1", "--seed", str(rng.randrange(1000))],
                            capture_output=True, text=True).stdout.splitlines()[-1].strip('"')
    return rng.choice([
        ["space", "sample", "darts", "--count", small_or_wild(["0", "1", "5"], 0.5), "--seed", rng.choice(NUMBERS)]
        + (["--output", output_path()] if rng.random() < 0.3 else []),
        ["space", "info", rng.choice(["darts", "DARTS", "darts ", "", "nasbench201", "darts,darts"])],
        ["space", "info"], ["space", "enumerate", "darts"],
        ["init", "--run", output_path(), "--space", "darts", "--method", rng.choice(METHODS), "--budget", rng.choice(NUMBERS)] + D,
        ["evaluate", "--run", output_path(), "--command", "echo " + shlex.quote(mutated_genotype(sample))] + D,
    ])

# ---- merge inputs ----------------------------------------------------------------------------
shard_sets = {}

def shards(n):
    """n finished shards of one small search (made once, copied for every case)."""
    if n not in shard_sets:
        made = []
        for i in range(n):
            d = os.path.join(out, "shards", f"{n}-{i}")
            call(["search", "--benchmark", "nasbench201", "--method", rng.choice(["rs", "re"]), "--trials", "4",
                  "--budget", "4", "--seed", "7", "--shard", f"{i}/{n}", "--output", d] + D, expect=0)
            made.append(d)
        shard_sets[n] = made
    return shard_sets[n]

def corrupt_run(d):
    files = sorted(f for f in os.listdir(d) if os.path.isfile(os.path.join(d, f)))
    if not files: return
    target = os.path.join(d, rng.choice([f for f in files if f.startswith("trial-")] or files) if rng.random() < 0.7 else rng.choice(files))
    r = rng.randrange(7)
    if r == 0:
        os.remove(target)
    elif r == 1:
        data_ = open(target, "rb").read(); open(target, "wb").write(data_[:rng.randrange(len(data_) + 1)])
    elif r == 2:
        open(target, "w").write(rng.choice(["", "{", "[]", "null", "not json", "{\"trial\": 1e999}"]))
    elif r == 3 or r == 4:
        try:
            obj = json.load(open(target))
        except Exception:
            return
        key = rng.choice(["trial", "seed", "shard", "method", "budget", "schema"])
        def edit(o):
            if isinstance(o, dict):
                for k in list(o):
                    if k == key or (r == 4 and rng.random() < 0.05):
                        o[k] = rng.choice([0, 1, 3, -1, 2**63, 2**64, 1.5, "x", None, [], 99999999999])
                    else:
                        edit(o[k])
            elif isinstance(o, list):
                for x in o: edit(x)
        edit(obj)
        open(target, "w").write(json.dumps(obj, sort_keys=True))
    elif r == 5:
        renamed = os.path.join(d, "trial-%d.json" % rng.choice([0, 1, 2, 3, 4, 99, -1]))
        if not os.path.isdir(renamed): os.replace(target, renamed)
    else:
        os.mkdir(target + ".d"); os.remove(target); os.rename(target + ".d", target)

def merge_case():
    import shutil
    n = rng.choice([2, 3])
    case = os.path.join(out, "merge", f"m{stats['calls']}")
    os.makedirs(case)
    inputs = []
    for i, d in enumerate(shards(n)):
        copy = os.path.join(case, f"s{i}")
        shutil.copytree(d, copy)
        inputs.append(copy)
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        corrupt_run(rng.choice(inputs))
    r = rng.random()
    if r < 0.1: inputs = inputs[:-1]
    elif r < 0.15: inputs.append(inputs[0])
    elif r < 0.2: inputs.append(rng.choice([os.path.join(case, "nope"), "/proc/version", "", case]))
    elif r < 0.25: inputs.append(rng.choice(shards(5 - n)))
    output = rng.choice([os.path.join(case, "out"), os.path.join(case, "out"), os.path.join(case, "a-file"),
                         os.path.join(case, "full"), os.path.join(case, "empty"), "", inputs[0] if inputs else "",
                         os.path.join(case, "a-file", "under")])
    open(os.path.join(case, "a-file"), "w").write("x")
    os.makedirs(os.path.join(case, "full")); open(os.path.join(case, "full", "keep.txt"), "w").write("keep")
    os.makedirs(os.path.join(case, "empty"))
    before = {d: snapshot(d) for d in inputs if os.path.isdir(d)}
    listing = sorted(os.listdir(case))
    result = call(["merge", "--output", output] + inputs, guard=output or None)
    if result is None: return
    text = "agnet merge --output " + shlex.join([output] + inputs)
    for d, snap in before.items():
        if d != output and snapshot(d) != snap:
            fail("merge changed an input", text)
    if result[0] != 0:
        if sorted(os.listdir(case)) != listing:
            fail("refused merge left files", f"{text}: {sorted(set(os.listdir(case)) - set(listing))}")
    else:
        names = set(os.listdir(output))
        need = {"config.json", "timing.json", "summary.json", "summary.md"} | {f"trial-{t}.json" for t in range(4)}
        if not need <= names:
            fail("merged run incomplete", f"{text}: lacks {sorted(need - names)}")

# ---- import files ----------------------------------------------------------------------------
FIXTURE = os.path.join(os.getcwd(), "Tests", "Fixtures", "nasbench101", "three_repeats_python.tfrecord")

def import_case():
    import pickle
    case = os.path.join(out, "import", f"i{stats['calls']}")
    os.makedirs(case)
    datadir = os.path.join(case, "data")
    if rng.random() < 0.8:  # an existing table that a failed import must keep
        call(["data", "import", "nasbench101", FIXTURE, "--data-dir", datadir], expect=0)
    good = open(FIXTURE, "rb").read()
    path = os.path.join(case, "input")
    kind, extra = "nasbench101", []
    r = rng.randrange(10)
    if r == 0:
        b = bytearray(good)
        for _ in range(rng.choice([1, 1, 2, 8])):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        open(path, "wb").write(bytes(b))
    elif r == 1:
        open(path, "wb").write(good[:rng.randrange(len(good))])
    elif r == 2:
        open(path, "wb").write(rng.randbytes(rng.choice([1, 12, 100, 5000])))
    elif r == 3:
        open(path, "wb").write(good + rng.choice([good[:50], b"\x00" * 16, rng.randbytes(30)]))
    elif r == 4:
        # a record header claiming a huge length (the length CRC left wrong or made right is the reader's business)
        open(path, "wb").write(rng.choice([b"\xff" * 8, (2**62).to_bytes(8, "little"), (2**40).to_bytes(8, "little")]) + good[8:])
    elif r == 5:
        open(path, "wb").write(b"")
    elif r == 6:
        path = rng.choice([case, "/dev/null", "/proc/version", os.path.join(case, "nope"), ""])
        if path == "/dev/null": path = os.path.join(case, "fifo"); os.mkfifo(path)
    elif r == 7:
        open(path, "wb").write(good)
        kind = rng.choice(["nasbench101", "hwnasbench", "nasbench201", ""])
    else:
        kind = "hwnasbench"
        payload = rng.choice([b"not a pickle", pickle.dumps({"cifar10": {"edgegpu": [1.0, 2.0]}})[:-3],
                              pickle.dumps({}), pickle.dumps([1, 2, 3]), pickle.dumps({"cifar10": None}), b""])
        open(path, "wb").write(payload)
        extra = rng.choice([[], ["--python", "/bin/true"], ["--python", "/bin/false"], ["--python", "/nonexistent"],
                            ["--python", ""], ["--python", case]])
    if rng.random() < 0.3: extra = extra + ["--force"]
    call(["data", "import", kind, path, "--data-dir", datadir] + extra, guard=datadir)

# ---- the cases issue 19 lists ----------------------------------------------------------------
def known_cases():
    open(os.path.join(out, "a-file"), "w").write("x")
    os.makedirs(os.path.join(out, "runs"), exist_ok=True)
    s = ["search", "--benchmark", "nasbench201"] + D
    cases = [
        (s + ["--method", "rs", "--trials", "10000000000", "--budget", "16", "--output", "k1"], 64),
        (["generate", "--space", "nasbench201", "--count", "99999999999999"], 64),
        (["space", "sample", "nasbench201", "--count", "1000000000"], 64),
        (s + ["--method", "rs", "--trials", "1", "--budget", "10000000", "--output", "k2"], 64),
        (s + ["--method", "rs", "--param", "foo=1", "--output", "k3"], 64),
        (s + ["--method", "rs", "--param", "foo", "--output", "k3"], 64),
        (s + ["--method", "re", "--param", "population_size=abc", "--output", "k3"], 64),
        (s + ["--method", "re", "--param", "population_size=0", "--output", "k3"], 64),
        (s + ["--method", "re", "--param", "ls.x=1", "--output", "k3"], 64),
        (s + ["--method", "nope", "--output", "k3"], 64),
        (s + ["--method", "agnet-hw", "--output", "k3"], 64),
        (["init", "--run", "k4", "--space", "nope", "--method", "rs"] + D, 64),
        (["init", "--run", "k4", "--space", "nasbench201", "--method", "agnet-hw"] + D, 64),
        (["init", "--run", "k4", "--space", "nasbench201", "--method", "rs", "--trials", "0-9223372036854775807"] + D, 64),
        (["compare", "--benchmark", "nasbench201", "--methods", "rs,rs", "--output", "k5"] + D, 64),
        (["compare", "--benchmark", "nasbench201", "--methods", "rs,", "--output", "k5"] + D, 64),
        (["compare", "--benchmark", "nasbench201", "--methods", "", "--output", "k5"] + D, 64),
        (["evaluate", "--run", "k4", "--command", ""] + D, 64),
        (s + ["--method", "rs", "--budget", "4", "--trials", "1", "--output", "a-file"], 1),
        (s + ["--method", "rs", "--budget", "4", "--trials", "1", "--output", "a-file/under"], 1),
        (s + ["--method", "rs", "--budget", "4", "--trials", "1", "--output", "/proc/version/x"], 1),
        (s + ["--method", "rs", "--budget", "4", "--trials", "1", "--output", ""], 64),
        (s + ["--method", "rs", "--budget", "4", "--trials", "1", "--seed", "18446744073709551615", "--output", "k6"], 64),
        (s + ["--method", "rs", "--budget", "4", "--trials", "2", "--seed", "18446744073709551615", "--output", "k7"], 64),
    ]
    for args, expected in cases:
        call(args, expect=expected)
    for path in ["k1", "k2", "k3", "k4", "k5", "k6", "k7"]:
        if os.path.exists(os.path.join(out, path)):
            fail("refused run left a directory", path)
    ext = os.path.join(out, "extreme.csv")
    with open(ext, "w") as f:
        f.write("arch,acc,test\n")
        for r in nb201[:200]: f.write(f"{r[1]},1.7976931348623157e308,{r[3]}\n")
    r = call(["search", "--table", ext, "--space", "nasbench201", "--search-metric", "acc", "--method", "agnet",
              "--trials", "1", "--budget", "16", "--output", "k8"], expect=1)
    if r and "extreme.csv:2:" not in r[2]: fail("no file:line", r[2])
    # evaluate: a command that printed its result and exited is a success; the timeout bounds time.
    call(["init", "--run", "k9", "--space", "nasbench201", "--method", "rs", "--budget", "2", "--batch-size", "1"] + D, expect=0)
    start = time.time()
    r = call(["evaluate", "--run", "k9", "--command", "sleep 1000 & echo 90", "--timeout", "100"] + D, expect=0)
    if r and ("Evaluated 2 cell(s), 0 failed" not in r[1] or time.time() - start > 60):
        fail("evaluate with a background child", r[1] + r[2])
    call(["init", "--run", "k10", "--space", "nasbench201", "--method", "rs", "--budget", "1"] + D, expect=0)
    start = time.time()
    r = call(["evaluate", "--run", "k10", "--command", "sleep 1000 & sleep 1000; echo 5", "--timeout", "1"] + D, expect=0)
    if time.time() - start > 30: fail("timeout did not bound the time", str(time.time() - start))
    # agnet-hw ask/tell: a tell without the cost is refused, the run stays as it was and can finish.
    call(["init", "--run", "k11", "--space", "nasbench201", "--method", "agnet-hw", "--cost", "latency_ms",
          "--max-cost", "12", "--budget", "16"] + D + agnet_light("agnet"), expect=0)
    r = call(["ask", "--run", "k11", "--count", "16"] + D, expect=0)
    ids = asked_ids(r[1]) if r else []
    call(["tell", "--run", "k11"] + D, stdin=json.dumps({"id": ids[0], "value": 90}).encode(), guard=os.path.join(out, "k11"), expect=1)
    call(["tell", "--run", "k11"] + D, stdin=json.dumps({"id": ids[0], "value": 1e308, "costs": {"latency_ms": 1}}).encode(),
         guard=os.path.join(out, "k11"), expect=1)
    print(f"known cases: {stats['calls']} calls, {len(failures)} failures", flush=True)

def guard_of(args):
    """The directory a random command line names as its output or run: unchanged when refused."""
    for option in ("--output", "--run"):
        if option in args and args[args.index(option) + 1]:
            return os.path.join(out, args[args.index(option) + 1])
    return None

known_cases()
while time.time() < deadline:
    kind = rng.random()
    family = "cli" if kind < 0.7 else "darts" if kind < 0.8 else "merge" if kind < 0.9 else "import"
    if family == "darts":
        if rng.random() < 0.5:
            darts_session()
        else:
            args = darts_other()
            call(args, guard=guard_of(args))
    elif family == "merge":
        merge_case()
    elif family == "import":
        import_case()
    elif kind < 0.25:
        session()
    else:
        args = random_search() if kind < 0.5 else random_compare() if kind < 0.57 else random_other()
        result = call(args, guard=guard_of(args))
        if args[0] in ("search", "compare"):
            check_finished_search(args, result)

with open(os.path.join(out, "failures.txt"), "w") as f:
    f.write("\n".join(failures) + ("\n" if failures else ""))
print("calls %(calls)d: exit 0 %(ok)d, exit 1 %(input_error)d, exit 64 %(usage_error)d; "
      "accepted runs %(runs_checked)d, finished %(runs_finished)d" % stats)
kinds = {}
for f in failures: kinds[f.split(":")[0]] = kinds.get(f.split(":")[0], 0) + 1
print("calls per family: " + json.dumps(per_family, sort_keys=True))
print("failures: %d %s" % (len(failures), json.dumps(kinds, sort_keys=True)))
sys.exit(1 if failures else 0)
PYTHON
