"""Bring the bench's pinned projects onto this machine: clone at the pinned commit, or extract from a local git dir.

    python bench/realworld/fetch.py DEST                      # git clone + checkout of each pin (needs the network)
    python bench/realworld/fetch.py DEST --git-dirs ROOT      # extract from ROOT/<owner>+<name>/repo (a bare snapshot)
    python bench/realworld/fetch.py DEST --only flaskbb,h

Each project lands in DEST/<name>. Extraction reads the pinned commit's tree blob by blob and skips blobs the
snapshot lacks (large files a partial snapshot leaves out), which `git archive` cannot do. Project code is never
committed to this repository: only the pins (projects.toml) and this script are.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path

PINS = Path(__file__).with_name("projects.toml")


def load_projects() -> list[dict]:
    with PINS.open("rb") as handle:
        return tomllib.load(handle)["project"]


def clone(project: dict, dest: Path) -> None:
    url = f"https://github.com/{project['repository']}.git"
    subprocess.run(["git", "init", "-q", str(dest)], check=True)
    subprocess.run(["git", "-C", str(dest), "fetch", "-q", "--depth", "1", url, project["commit"]], check=True)
    subprocess.run(["git", "-C", str(dest), "checkout", "-q", "FETCH_HEAD"], check=True)


def extract(git_dir: Path, commit: str, dest: Path) -> tuple[int, int]:
    """Write the commit's blobs under dest; returns (written, missing)."""
    listing = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "-z", commit], capture_output=True, check=True
    ).stdout
    reader = subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    written = missing = 0
    for entry in filter(None, listing.split(b"\0")):
        meta, path = entry.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind != b"blob" or mode == b"120000":  # submodules and symlinks are not needed
            continue
        reader.stdin.write(sha + b"\n")
        reader.stdin.flush()
        header = reader.stdout.readline()
        if header.endswith(b"missing\n"):
            missing += 1
            continue
        data = reader.stdout.read(int(header.split()[2]))
        reader.stdout.read(1)
        out = dest / os.fsdecode(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        written += 1
    reader.stdin.close()
    reader.wait()
    return written, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--git-dirs", type=Path, help="folder of <owner>+<name>/repo git dirs to extract from")
    parser.add_argument("--only", help="comma-separated project names")
    args = parser.parse_args(argv)
    wanted = set(args.only.split(",")) if args.only else None
    for project in load_projects():
        if wanted and project["name"] not in wanted:
            continue
        dest = args.dest / project["name"]
        if dest.exists():
            print(f"{project['name']}: {dest} exists, left as it is")
            continue
        if args.git_dirs:
            git_dir = args.git_dirs / project["repository"].replace("/", "+") / "repo"
            written, missing = extract(git_dir, project["commit"], dest)
            print(f"{project['name']}: {written} files extracted, {missing} missing from the snapshot")
        else:
            clone(project, dest)
            print(f"{project['name']}: cloned at {project['commit'][:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
