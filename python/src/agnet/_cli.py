"""The ``agnet`` console script: runs the located binary with the same arguments and status."""
from __future__ import annotations

import os
import sys

from ._binary import find_binary
from .errors import BinaryNotFound


def main() -> None:
    """Replace this process with the ``agnet`` binary (``find_binary``), passing every argument."""
    try:
        binary = find_binary()
    except BinaryNotFound as error:
        print(f"agnet: {error.message}", file=sys.stderr)
        sys.exit(1)
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
