#!/usr/bin/env bash
# Installs the system packages AGNet needs (OpenBLAS for matrix products). Idempotent.
set -euo pipefail
if ! dpkg -s libopenblas-dev >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq libopenblas-dev >/dev/null
fi
