#!/usr/bin/env bash
# package.sh [--skip-build] [--archive-only]
#
# Builds the two things a user installs without Swift, root or a checkout, in dist/:
#   agnet-VERSION-linux-x86_64.tar.gz    unpack anywhere; run agnet-VERSION-linux-x86_64/bin/agnet
#   agnet-VERSION-py3-none-TAG.whl       `pip install` it; `agnet` lands on the environment's PATH
# Both hold the same install prefix: bin/agnet (Swift runtime and Foundation linked statically,
# OpenBLAS and XGBoost opened at run time when present) and share/agnet/ (tables, generators,
# space files, build.json with the source commit); the binary finds share/agnet from its own
# location. The wheel is python/ (the Python package `agnet`, built with pip) plus that prefix as
# agnet/_native/, tagged for the oldest glibc the binary accepts.
#
# The static build goes to .build-static (a full release build, 4-8 minutes on 2 cores the
# first time). --skip-build reuses it; --archive-only skips the wheel. Needs git, tar, python3, pip.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build=1 wheel=1
for argument in "$@"; do
  case "$argument" in
    --skip-build) build=0 ;;
    --archive-only) wheel=0 ;;
    *) echo "usage: $0 [--skip-build] [--archive-only]" >&2; exit 64 ;;
  esac
done

version="$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/Runs/Version.swift)"
[[ -n "$version" ]] || { echo "package.sh: no version in Sources/Runs/Version.swift" >&2; exit 1; }
commit="$(git rev-parse --short=12 HEAD)"
[[ -z "$(git status --porcelain --untracked-files=no)" ]] || commit="$commit-dirty"
name="agnet-$version-linux-x86_64"
dist="$root/dist"
prefix="$dist/$name"

if (( build )); then
  swift build -c release --product agnet --static-swift-stdlib --scratch-path .build-static
fi
binary=".build-static/release/agnet"
[[ -x "$binary" ]] || { echo "package.sh: $binary is missing (run without --skip-build)" >&2; exit 1; }

# The promise of the archive: nothing but the C and C++ runtimes every Linux has.
unexpected="$(ldd "$binary" | awk '{print $1}' | grep -vE '^(linux-vdso\.so|/lib64/ld-linux-x86-64\.so|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|libstdc\+\+\.so|libgcc_s\.so)' || true)"
[[ -z "$unexpected" ]] || { echo "package.sh: $binary needs libraries a plain Linux lacks: $unexpected" >&2; exit 1; }

rm -rf "$prefix"
mkdir -p "$prefix/bin" "$prefix/share/agnet"
install -m 755 "$binary" "$prefix/bin/agnet"
strip "$prefix/bin/agnet"
cp -R Sources/Benchmarks/Data "$prefix/share/agnet/tables"
mkdir "$prefix/share/agnet/models"
cp models/*.agnet models/README.md "$prefix/share/agnet/models/"
[[ -d spaces ]] && cp -R spaces "$prefix/share/agnet/spaces"
printf '{"commit":"%s","version":"%s"}\n' "$commit" "$version" > "$prefix/share/agnet/build.json"
cat > "$prefix/README.txt" <<EOF
agnet $version (commit $commit) for Linux x86-64

  bin/agnet --version
  bin/agnet search --benchmark nasbench201 --trials 1 --budget 32

Put bin/ on PATH (or link bin/agnet into a folder on PATH); keep bin/ and share/ together.
Optional: OpenBLAS (Debian package libopenblas0) speeds up the neural network; XGBoost
(libxgboost0) is needed by the agnet-xgb method only. Documentation: the project's README.
EOF
tar -C "$dist" -czf "$dist/$name.tar.gz" "$name"
echo "package.sh: $dist/$name.tar.gz"
(( wheel )) || exit 0

# The wheel: python/ built by pip (its own build backend), then the prefix added as agnet/_native
# and the tag changed from py3-none-any to the platform the binary runs on.
if [[ ! -f python/pyproject.toml ]]; then
  echo "package.sh: python/pyproject.toml is missing: the wheel is built from the Python package in python/ (issue 27); the archive is built" >&2
  exit 1
fi
# The newest glibc symbol version the binary asks for decides the manylinux tag.
glibc="$(objdump -T "$prefix/bin/agnet" | grep -oE 'GLIBC_2\.[0-9]+' | sort -t. -k2 -n -u | tail -1)"
tag="manylinux_2_${glibc#GLIBC_2.}_x86_64"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Built from a copy: setuptools leaves build/ and *.egg-info in the folder it builds.
cp -R python "$work/python"
rm -rf "$work/python/build" "$work/python"/src/*.egg-info "$work/python"/src/agnet/_native
python3 -m pip wheel --quiet --no-deps --wheel-dir "$work/pure" "$work/python"
python3 scripts/repack-wheel.py "$work"/pure/*.whl "$prefix" "$tag" "$dist"
