#!/usr/bin/env bash
# Load on the dashboard: 50 concurrent clients poll 20 runs (the run list, then one run in full,
# in a loop) for DURATION seconds while an AG-Net search writes one of them. Reports requests,
# errors and latency percentiles, and checks that no run file changed (the 19 finished runs' bytes
# and modification times) and that the dashboard added no file anywhere.
#   scripts/dashboard-load.sh [AGNET_BINARY] [DURATION_SECONDS]   (defaults: .build/release/agnet, 30)
set -euo pipefail
agnet="$(realpath "${1:-.build/release/agnet}")"
duration="${2:-30}"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
for i in $(seq -w 1 19); do
  "$agnet" search --benchmark nasbench201 --method rs --trials 5 --budget 64 --seed "$i" --quiet \
    --output "$work/runs/rs-$i" >/dev/null
done
snapshot() { (cd "$work/runs" && find . -path ./live -prune -o -type f -printf '%p %T@ ' -exec sha256sum {} \; | sort); }
snapshot >"$work/before"
"$agnet" search --benchmark nasbench201 --method agnet --trials 10 --budget 320 --quiet --output "$work/runs/live" \
  >/dev/null &
pids+=($!)
"$agnet" dashboard --runs "$work/runs" --port 0 >"$work/served" &
pids+=($!)
for _ in $(seq 100); do [[ -s "$work/served" ]] && break; sleep 0.1; done
address="$(grep -oE 'http://[^ ]+' "$work/served")"
python3 - "$address" "$duration" <<'PY'
import http.client, json, sys, threading, time, random, urllib.parse
address, duration = sys.argv[1], float(sys.argv[2])
host, port = urllib.parse.urlparse(address).hostname, urllib.parse.urlparse(address).port
latencies, errors, lock = [], [], threading.Lock()
names = [f"rs-{i:02d}" for i in range(1, 20)] + ["live"]
end = time.monotonic() + duration
def client(seed):
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(host, port, timeout=30)
    count = 0
    while time.monotonic() < end and count < 100000:
        for path in ["/api/runs", "/api/run?name=" + rng.choice(names)]:
            start = time.monotonic()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                ok = response.status == 200 and json.loads(body)
                problem = None if ok else f"{path}: HTTP {response.status}"
            except Exception as error:
                problem = f"{path}: {error!r}"
                connection = http.client.HTTPConnection(host, port, timeout=30)
            with lock:
                latencies.append(time.monotonic() - start)
                if problem: errors.append(problem)
            count += 1
threads = [threading.Thread(target=client, args=(i,)) for i in range(50)]
for t in threads: t.start()
for t in threads: t.join()
latencies.sort()
q = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
print(f"{len(latencies)} requests by 50 clients in {duration:.0f} s ({len(latencies) / duration:.0f}/s), "
      f"{len(errors)} errors; latency ms: median {q(0.5):.1f}, p95 {q(0.95):.1f}, p99 {q(0.99):.1f}, max {latencies[-1] * 1000:.1f}")
for e in errors[:5]: print("error:", e)
sys.exit(1 if errors or not latencies else 0)
PY
snapshot >"$work/after"
if cmp -s "$work/before" "$work/after"; then echo "run files unchanged (19 finished runs, bytes and times)"; else
  echo "FAILED: run files changed"; diff "$work/before" "$work/after" | head; exit 1; fi
extra="$(find "$work/runs" -newer "$work/served" -type f ! -path "$work/runs/live/*" | head -3)"
[[ -z "$extra" ]] || { echo "FAILED: new files: $extra"; exit 1; }
echo "live run: $(ls "$work/runs/live" | tr '\n' ' ')"
