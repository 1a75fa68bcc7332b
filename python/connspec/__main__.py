"""`python -m connspec ARGS`: runs the `connspec` binary installed with this package."""

from __future__ import annotations

import os
import subprocess
import sys

from connspec import find_connspec_bin


def main() -> int:
    binary = find_connspec_bin()
    if sys.platform == "win32":
        # Windows has no exec: run it and pass its status on.
        return subprocess.run([binary, *sys.argv[1:]]).returncode
    os.execvp(binary, [binary, *sys.argv[1:]])
    return 0  # not reached: exec replaced this process


if __name__ == "__main__":
    sys.exit(main())
