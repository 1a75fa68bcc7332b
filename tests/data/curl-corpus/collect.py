#!/usr/bin/env python3
"""Collects the cURL commands of the public Moveworks developer-docs repository into this folder.

Usage: collect.py GIT_DIR COMMIT   (GIT_DIR: a clone of github.com/moveworks/developer-docs)

Each command becomes one file holding the snippet's original bytes with its trailing newlines
removed, as `connspec import curl "$(cat FILE)"` receives it:
- every `plugins/*/.codeblocks/block_N.sh` and `connectors/*/.codeblocks/block_N.sh` that holds
  `curl` (the guides' code blocks, as the repository extracts them);
- every fenced code block of `plugins/*/README.md` and `connectors/*/README.md` that holds
  `curl` and is not already one of those files (compared with white space collapsed), with the
  fence's indentation removed as Markdown renders it.
It writes the files and MANIFEST.tsv (file, original path, line of the fence for README blocks).
Run by hand; the tests read only the files it wrote.
"""
import os
import re
import subprocess
import sys
import textwrap

git_dir, commit = sys.argv[1], sys.argv[2]
out = os.path.dirname(os.path.abspath(__file__))


def git(*args):
    return subprocess.run(["git", "-C", git_dir, *args], capture_output=True, check=True).stdout


def collapsed(data):
    text = textwrap.dedent(data.decode("utf-8", "replace").replace("\r\n", "\n"))
    return re.sub(r"\s+", " ", text).strip()


paths = git("ls-tree", "-r", "--name-only", commit).decode().splitlines()
entries = []  # (file name, original path, line, bytes)
seen = set()
for path in paths:
    m = re.match(r"^(plugins|connectors)/([^/]+)/\.codeblocks/(block_\d+)\.sh$", path)
    if not m:
        continue
    data = git("show", f"{commit}:{path}")
    seen.add(collapsed(data))
    if b"curl" in data:
        entries.append((f"{m[1]}__{m[2]}__{m[3]}.sh", path, "", data))
for path in paths:
    m = re.match(r"^(plugins|connectors)/([^/]+)/README\.md$", path)
    if not m:
        continue
    text = git("show", f"{commit}:{path}")
    for fence in re.finditer(rb"^([ \t]*)```[^\n`]*\n(.*?)^[ \t]*```", text, re.S | re.M):
        indent, body = fence[1], fence[2]
        if b"curl" not in body:
            continue
        lines = [l[len(indent):] if l.startswith(indent) else l.lstrip(b" \t")
                 for l in body.split(b"\n")]
        data = b"\n".join(lines)
        key = collapsed(data)
        if key in seen:
            continue
        seen.add(key)
        line = text[: fence.start()].count(b"\n") + 1
        entries.append((f"{m[1]}__{m[2]}__readme_L{line}.sh", path, str(line), data))

for name in os.listdir(out):
    if name.endswith(".sh"):
        os.remove(os.path.join(out, name))
with open(os.path.join(out, "MANIFEST.tsv"), "w") as manifest:
    manifest.write("file\toriginal_path\treadme_fence_line\n")
    for name, path, line, data in sorted(entries):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data.rstrip(b"\n"))  # what `$(cat FILE)` gives
        manifest.write(f"{name}\t{path}\t{line}\n")
print(len(entries), "commands")
