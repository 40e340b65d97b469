"""Where the ``agnet`` binary is: ``$AGNET_BIN``, the one shipped in the package, ``PATH``."""
from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path
from typing import Optional

from .errors import BinaryNotFound

#: A binary shipped inside the package (the wheel of scripts/package.sh puts it there).
SHIPPED = Path(__file__).resolve().parent / "_native" / "bin" / "agnet"


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_binary() -> str:
    """The path of the ``agnet`` binary to run (looked up again when ``AGNET_BIN`` or ``PATH``
    change).

    Looked up in this order: the environment variable ``AGNET_BIN``, the binary shipped in the
    package at ``agnet/_native/bin/agnet``, then ``agnet`` on ``PATH`` (skipping this package's own
    console script, which would call itself). Raises :class:`BinaryNotFound` naming all three.
    """
    return _lookup(os.environ.get("AGNET_BIN"), os.environ.get("PATH", ""))


@functools.lru_cache(maxsize=8)
def _lookup(configured: Optional[str], search_path: str) -> str:
    if configured:
        path = Path(configured).expanduser()
        if _is_executable(path) and not _is_console_script(path):
            return str(path)
        if _is_executable(path):
            raise BinaryNotFound(f"AGNET_BIN is {configured}, this package's console script, not the agnet binary")
        raise BinaryNotFound(f"AGNET_BIN is {configured}, which is not an executable file")
    if _is_executable(SHIPPED):
        return str(SHIPPED)
    for directory in search_path.split(os.pathsep):
        candidate = Path(directory or ".") / "agnet"
        if _is_executable(candidate) and not _is_console_script(candidate):
            return str(candidate)
    found = shutil.which("agnet", path=search_path)
    hint = f" ({found} is this package's console script)" if found else ""
    raise BinaryNotFound(
        "no agnet binary: set AGNET_BIN to its path, install a wheel that ships it "
        f"({SHIPPED}), or put it on PATH{hint}")


def _is_console_script(path: Path) -> bool:
    """Whether ``path`` is the Python launcher pip wrote for ``agnet._cli:main``."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return head.startswith(b"#!") and b"agnet._cli" in head
