#!/usr/bin/env bash
# Installs the system packages AGNet needs (OpenBLAS for matrix products, XGBoost for agnet-xgb).
# Idempotent. `--browser` also installs Chromium, for scripts/dashboard-browser-test.sh. `--slurm` also installs Slurm and munge, for scripts/slurm-local.sh (a one-node cluster).
set -euo pipefail
packages=(libopenblas-dev libxgboost-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "${1:-}" = --browser ] && ! dpkg -s chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if [ "${1:-}" = --slurm ] && ! { dpkg -s slurm-wlm && dpkg -s munge; } >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
