"""Where the `connspec` binary that came with this package is installed."""

from __future__ import annotations

import os
import sys
import sysconfig


class ConnspecNotFound(FileNotFoundError):
    """The package is installed but its binary is not where pip puts scripts."""


def find_connspec_bin() -> str:
    """Return the path of the `connspec` binary installed with this package."""
    exe = "connspec" + (sysconfig.get_config_var("EXE") or "")

    # The scripts folder of the environment the package is installed in (a venv, pipx, uv tool),
    # then the user scheme (`pip install --user`), then the folder above the package (`--target`).
    candidates = [sysconfig.get_path("scripts")]
    user_scheme = {
        "nt": "nt_user",
        "posix": "posix_user",
    }.get(os.name)
    if sys.platform == "darwin" and sys._framework:  # type: ignore[attr-defined]
        user_scheme = "osx_framework_user"
    if user_scheme is not None:
        candidates.append(sysconfig.get_path("scripts", scheme=user_scheme))
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    candidates.append(os.path.join(package_parent, "bin"))

    for scripts in candidates:
        path = os.path.join(scripts, exe)
        if os.path.isfile(path):
            return path
    raise ConnspecNotFound(
        f"{exe} is not in any of {candidates}; reinstall with `pip install --force-reinstall connspec`"
    )
