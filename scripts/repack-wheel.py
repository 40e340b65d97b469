#!/usr/bin/env python3
"""repack-wheel.py PURE_WHEEL PREFIX TAG OUT_DIR

Turns the pure-Python wheel of python/ into the platform wheel scripts/package.sh ships: adds the
install prefix PREFIX (bin/agnet, share/agnet/...) as agnet/_native/, marks the wheel as not pure,
replaces its tag with py3-none-TAG and rewrites RECORD (the hash and size of every file).
Standard library only. Prints the path of the wheel written to OUT_DIR.
"""
import base64
import hashlib
import os
import stat
import sys
import zipfile


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: repack-wheel.py PURE_WHEEL PREFIX TAG OUT_DIR")
    pure, prefix, tag, out_dir = sys.argv[1:]
    name, version = os.path.basename(pure).split("-")[:2]
    dist_info = f"{name}-{version}.dist-info"
    entries = []  # (archive path, bytes, executable)
    with zipfile.ZipFile(pure) as source:
        for info in source.infolist():
            if info.filename in (f"{dist_info}/RECORD", f"{dist_info}/WHEEL"):
                continue
            entries.append((info.filename, source.read(info), bool((info.external_attr >> 16) & 0o111)))
        wheel = source.read(f"{dist_info}/WHEEL").decode()
    if not any(path.startswith("agnet/") for path, _, _ in entries):
        sys.exit(f"repack-wheel.py: {pure} has no package agnet/ (expected python/'s package)")
    for folder, _, files in sorted(os.walk(prefix)):
        for file in sorted(files):
            full = os.path.join(folder, file)
            relative = os.path.relpath(full, prefix)
            if relative == "README.txt":
                continue
            with open(full, "rb") as handle:
                entries.append((f"agnet/_native/{relative}", handle.read(), bool(os.stat(full).st_mode & stat.S_IXUSR)))
    lines = [line for line in wheel.splitlines() if not line.startswith(("Tag:", "Root-Is-Purelib:"))]
    lines += ["Root-Is-Purelib: false", f"Tag: py3-none-{tag}"]
    entries.append((f"{dist_info}/WHEEL", ("\n".join(lines) + "\n").encode(), False))
    record = [record_line(path, data) for path, data, _ in entries] + [f"{dist_info}/RECORD,,"]
    entries.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode(), False))
    target = os.path.join(out_dir, f"{name}-{version}-py3-none-{tag}.whl")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for path, data, executable in entries:
            info = zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0))
            # A regular file's type bits too: pip sets the executable bit only for regular files.
            info.external_attr = (stat.S_IFREG | (0o755 if executable else 0o644)) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
    print(f"package.sh: {target}")


if __name__ == "__main__":
    main()
