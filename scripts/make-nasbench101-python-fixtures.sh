#!/usr/bin/env bash
# Remakes Tests/Fixtures/nasbench101/three_repeats_python*.{tfrecord,csv} with Python's protobuf
# and crc32c packages (PyPI, pinned), in a throwaway virtual environment. Needs python3 with venv
# and access to PyPI. The files are committed; CI does not run this.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check protobuf==7.36.2 crc32c==2.9.post0
"$venv/bin/python" scripts/nasbench101-python-writer.py Tests/Fixtures/nasbench101/nasbench101_three_repeats.json \
  Tests/Fixtures/nasbench101/three_repeats_python
"$venv/bin/python" -c 'import sys, google.protobuf, crc32c; print("made with Python", sys.version.split()[0], "protobuf", google.protobuf.__version__, "crc32c", crc32c.__version__ if hasattr(crc32c, "__version__") else "2.9.post0")'
ls -l Tests/Fixtures/nasbench101/three_repeats_python*
