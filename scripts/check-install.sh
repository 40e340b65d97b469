#!/usr/bin/env bash
# check-install.sh [ARCHIVE [WHEEL]]
#
# Proves that the two artifacts of scripts/package.sh install and run on a clean system: builds a
# minimal Debian root file system with debootstrap (minbase plus python3-venv: no Swift, no
# OpenBLAS, no XGBoost, no checkout), adds a non-root user, and as that user
#   1. unpacks the archive in ~/opt, links bin/agnet into ~/.local/bin, and
#   2. separately, installs the wheel into a fresh virtual environment,
# and with each runs: ldd on the binary, `agnet --version`, `agnet benchmark list`,
# `agnet search --benchmark nasbench201 --trials 1 --budget 32`, an ask/tell round (init, ask,
# tell, ask), agnet-xgb's one-line refusal (exit 1, naming the Debian package) and the same for
# AGNET_MATMUL=blas without OpenBLAS; with the wheel
# also a study asked and told through the Python API.
#
# Defaults: dist/agnet-*-linux-x86_64.tar.gz and dist/agnet-*.whl. Needs root (debootstrap,
# chroot, mounting /proc) and network access to deb.debian.org (AGNET_DEBIAN_MIRROR overrides);
# about 3-4 minutes, most of it debootstrap. The root is built in a temporary folder and removed.
set -euo pipefail
root_dir="$(cd "$(dirname "$0")/.." && pwd)"
archive="${1:-$(ls "$root_dir"/dist/agnet-*-linux-x86_64.tar.gz 2>/dev/null | tail -1)}"
wheel="${2:-$(ls "$root_dir"/dist/agnet-*.whl 2>/dev/null | tail -1)}"
[[ -f "$archive" ]] || { echo "check-install: no archive (run scripts/package.sh first)" >&2; exit 1; }
[[ -f "$wheel" ]] || { echo "check-install: no wheel (run scripts/package.sh first)" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "check-install: needs root (debootstrap, chroot); run it with sudo" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "check-install: needs debootstrap: apt-get install debootstrap" >&2; exit 1; }
mirror="${AGNET_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
start=$SECONDS

# AGNET_CHECK_ROOT=DIR keeps the debootstrapped system in DIR and reuses it (for repeated runs
# while developing; the user's home is made afresh each time).
system="${AGNET_CHECK_ROOT:-$(mktemp -d /tmp/agnet-check-install.XXXXXX)}"
mkdir -p "$system"
chmod 755 "$system"
cleanup() {
  umount "$system/proc" 2>/dev/null || true
  umount "$system/dev" 2>/dev/null || true
  [[ -n "${AGNET_CHECK_ROOT:-}" ]] || rm -rf --one-file-system "$system"
}
trap cleanup EXIT
if [[ ! -x "$system/bin/bash" ]]; then
  echo "== debootstrap bookworm (minbase + python3-venv) into $system"
  debootstrap --variant=minbase --include=python3-venv bookworm "$system" "$mirror" >"$system.log" 2>&1 ||
    { tail -20 "$system.log" >&2; rm -f "$system.log"; exit 1; }
  rm -f "$system.log"
  echo "   took $((SECONDS - start)) s"
fi
mount -t proc proc "$system/proc"
mount --bind /dev "$system/dev"
chroot "$system" userdel --remove researcher 2>/dev/null || true
chroot "$system" useradd --create-home --shell /bin/bash researcher
cp "$archive" "$wheel" "$system/home/researcher/"
chroot "$system" chown -R researcher: /home/researcher

# As the user, with a clean environment: nothing of this machine's PATH or HOME leaks in.
as_user() {
  chroot --userspec=researcher:researcher "$system" /usr/bin/env -i HOME=/home/researcher \
    PATH=/home/researcher/.local/bin:/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 /bin/bash -euo pipefail -c "cd ~; $1"
}

echo "== the clean system has no Swift, OpenBLAS, XGBoost or checkout"
as_user '
  for program in swift swiftc git; do ! command -v $program >/dev/null || { echo "$program is installed"; exit 1; }; done
  for library in libopenblas.so.0 libxgboost.so.0 libswiftCore.so; do
    ! /sbin/ldconfig -p | grep -q $library || { echo "$library is installed"; exit 1; }
  done
  echo "   none of swift, git, libopenblas, libxgboost, libswiftCore; user $(id -un) (uid $(id -u))"'

# The checks, run once per installation with `agnet` on PATH and $binary the installed executable.
checks='
  echo "-- ldd $binary"
  ldd "$binary" | sed "s/^/   /"
  ! ldd "$binary" | grep -q "not found"
  echo "-- agnet --version"
  agnet --version | sed "s/^/   /"
  echo "-- agnet benchmark list"
  agnet benchmark list | sed "s/^/   /"
  echo "-- agnet search --benchmark nasbench201 --trials 1 --budget 32"
  agnet search --benchmark nasbench201 --trials 1 --budget 32 --output runs/search 2>&1 | tail -4 | sed "s/^/   /"
  grep -oE "\"matmul\" *: *\"[a-z]+\"" runs/search/timing.json | sed "s/^/   timing.json: /"
  echo "-- ask/tell round: init, ask, tell (value 50 each), ask"
  agnet init --run runs/asktell --space nasbench201 --method agnet --budget 32 2>&1 | sed "s/^/   /"
  agnet ask --run runs/asktell > asked.jsonl
  echo "   asked $(wc -l < asked.jsonl) cells, first: $(head -c 120 asked.jsonl)"
  python3 -c "import json, sys; [print(json.dumps({\"id\": json.loads(l)[\"id\"], \"value\": 50.0})) for l in sys.stdin]" < asked.jsonl | agnet tell --run runs/asktell 2>&1 | sed "s/^/   /"
  echo "   next ask: $(agnet ask --run runs/asktell | wc -l) cells"
  echo "-- agnet-xgb without XGBoost"
  status=0
  agnet search --benchmark nasbench201 --method agnet-xgb --trials 1 --budget 32 --output runs/xgb 2> xgb.err || status=$?
  sed "s/^/   stderr: /" xgb.err
  echo "   exit status $status"
  [[ $status -eq 1 && $(wc -l < xgb.err) -eq 1 ]] && grep -q libxgboost0 xgb.err
  echo "-- AGNET_MATMUL=blas without OpenBLAS"
  status=0
  AGNET_MATMUL=blas agnet benchmark list > /dev/null 2> blas.err || status=$?
  sed "s/^/   stderr: /" blas.err
  echo "   exit status $status"
  [[ $status -eq 1 && $(wc -l < blas.err) -eq 1 ]] && grep -q libopenblas0 blas.err
'

echo "== archive $(basename "$archive"): unpacked in ~/opt, bin/agnet linked into ~/.local/bin"
as_user "mkdir -p opt .local/bin && tar -C opt -xzf $(basename "$archive") && ln -s ~/opt/$(basename "$archive" .tar.gz)/bin/agnet .local/bin/agnet
  binary=~/opt/$(basename "$archive" .tar.gz)/bin/agnet; mkdir archive-check && cd archive-check; $checks"

echo "== wheel $(basename "$wheel"): pip install into a fresh virtual environment"
as_user "rm .local/bin/agnet && python3 -m venv venv && venv/bin/pip install --quiet --disable-pip-version-check $(basename "$wheel")
  source venv/bin/activate; echo \"   agnet is \$(command -v agnet)\"
  binary=\$(echo venv/lib/python3*/site-packages/agnet/_native/bin/agnet); binary=~/\$binary
  mkdir wheel-check && cd wheel-check; $checks
  echo \"-- the Python API: a study of 32 cells, asked and told from Python with the shipped binary\"
  python3 -c '
import agnet
study = agnet.create_study(\"runs/python\", space=\"nasbench201\", method=\"re\", budget=32, seed=0)
while not study.is_finished:
    trial = study.ask()
    study.tell(trial, float(len(trial.cell) % 7))
print(\"   finished: best\", study.best.value, \"after 32 results\")
'"

echo "check-install: both installations passed in $((SECONDS - start)) s"
