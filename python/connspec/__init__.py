"""connspec: check, compile and run declarative YAML connector specs.

The package carries the `connspec` binary as a script; `find_connspec_bin()` says where it is.
"""

from ._find_connspec import find_connspec_bin

__all__ = ["find_connspec_bin"]
