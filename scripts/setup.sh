#!/usr/bin/env bash
# Installs the Debian packages AGNet uses at run time: OpenBLAS (the fast matrix products; without
# it agnet uses its pure-Swift kernels) and XGBoost (needed by agnet-xgb and its tests), and
# python3-venv for the Python package's tests. None is needed to build: agnet opens the libraries
# at run time. Idempotent. Needs root only when something is
# missing; without root it prints the exact apt-get command and exits 1.
#   --slurm           also Slurm and munge, for scripts/slurm-local.sh (a one-node cluster)
#   --check-install   also debootstrap, for scripts/check-install.sh
#   --browser         also Chromium, for scripts/dashboard-browser-test.sh
set -euo pipefail
packages=(libopenblas0 libxgboost0 python3-venv)
extra=()
for argument in "$@"; do
  case "$argument" in
    --slurm) extra+=(slurm-wlm munge) ;;
    --check-install) extra+=(debootstrap) ;;
    --browser) extra+=(chromium) ;;
    *) echo "usage: $0 [--slurm] [--check-install] [--browser]" >&2; exit 64 ;;
  esac
done
missing=()
for package in "${packages[@]}" "${extra[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: missing Debian packages: ${missing[*]}; as root run: apt-get update && $command" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$command -qq >/dev/null
