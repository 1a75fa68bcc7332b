"""Packs the connspec binary of a wheel as a plain archive, for the release workflow.

The wheel that maturin builds (`bindings = "bin"`) holds the program as
`connspec-<version>.data/scripts/connspec[.exe]`; taking it from there makes the archive's
binary the very one PyPI users get, with no second build. Writes `connspec-<target>.tar.gz`
(`.zip` for Windows targets) holding `connspec-<target>/connspec[.exe]` and the licence
files, and beside it `<archive>.sha256` in the format of `sha256sum`.

Standard library only: it runs on every runner of the build matrix.

    python binary_archive.py --target x86_64-unknown-linux-gnu --wheels dist --out archives \
        --version 0.1.0 [--smoke-test true]
"""

from __future__ import annotations

import argparse
import calendar
import gzip
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

# Shipped beside the binary: the licence texts the binary's licence expression names.
EXTRA_FILES = ("LICENSE-MIT", "LICENSE-APACHE", "README.md")


def find_wheel(wheels: Path) -> Path:
    found = sorted(wheels.glob("*.whl"))
    if len(found) != 1:
        names = ", ".join(p.name for p in found) or "none"
        sys.exit(f"error: expected one wheel in {wheels}, found {names}")
    return found[0]


def binary_member(wheel: zipfile.ZipFile, program: str) -> zipfile.ZipInfo:
    for info in wheel.infolist():
        parts = info.filename.split("/")
        if len(parts) == 3 and parts[0].endswith(".data") and parts[1:] == ["scripts", program]:
            return info
    sys.exit(f"error: no {program} under *.data/scripts/ in the wheel")


def write_tar_gz(path: Path, top: str, members: list[tuple[str, bytes, int]], mtime: int) -> None:
    # gzip's own header holds a time too: the same one, not the clock's.
    with path.open("wb") as file, gzip.GzipFile(
        filename="", mode="wb", fileobj=file, mtime=mtime
    ) as compressed, tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, data, mode in members:
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            info.mode = mode
            info.mtime = mtime
            info.uname = info.gname = ""
            archive.addfile(info, io.BytesIO(data))


def write_zip(path: Path, top: str, members: list[tuple[str, bytes, int]], mtime: int) -> None:
    date_time = time.gmtime(max(mtime, 315532800))[:6]  # zip dates start in 1980
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data, mode in members:
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=date_time)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def smoke_test(binary: bytes, program: str, version: str) -> None:
    """Runs the binary's `--version` where the runner can execute it."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / program
        path.write_bytes(binary)
        path.chmod(0o755)
        printed = subprocess.run(
            [str(path), "--version"], check=True, capture_output=True, text=True
        ).stdout.strip()
    print(f"smoke test: `{program} --version` printed {printed!r}")
    if printed.split()[-1:] != [version]:
        sys.exit(f"error: expected version {version}, the binary printed {printed!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="Rust target triple of the wheel")
    parser.add_argument("--wheels", type=Path, required=True, help="folder with the one wheel")
    parser.add_argument("--out", type=Path, required=True, help="folder for the archive")
    parser.add_argument("--version", required=True, help="the version `--version` must print")
    # A value rather than a bare flag, so that the workflow passes its matrix entry as it is.
    parser.add_argument(
        "--smoke-test", choices=["true", "false"], default="false", help="run the binary's --version"
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="where the licence files are")
    args = parser.parse_args()

    windows = "windows" in args.target
    program = "connspec.exe" if windows else "connspec"
    wheel_path = find_wheel(args.wheels)
    with zipfile.ZipFile(wheel_path) as wheel:
        info = binary_member(wheel, program)
        binary = wheel.read(info)
    # The wheel's own timestamp, so that the same wheel gives the same archive bytes.
    mtime = calendar.timegm(info.date_time + (0, 0, 0))
    print(f"{wheel_path.name}: {program}, {len(binary)} bytes")

    if args.smoke_test == "true":
        smoke_test(binary, program, args.version)

    members = [(program, binary, 0o755)]
    for name in EXTRA_FILES:
        members.append((name, (args.root / name).read_bytes(), 0o644))

    top = f"connspec-{args.target}"
    args.out.mkdir(parents=True, exist_ok=True)
    archive = args.out / (f"{top}.zip" if windows else f"{top}.tar.gz")
    (write_zip if windows else write_tar_gz)(archive, top, members, mtime)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    # `sha256sum -c` reads this format: hash, two spaces, file name.
    (args.out / f"{archive.name}.sha256").write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
    print(f"{archive.name}: sha256 {digest}")


if __name__ == "__main__":
    main()
