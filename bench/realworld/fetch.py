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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fetch_projects import clone_at, extract_tree  # noqa: E402  (the scale bench's fetcher: one way to fetch a pin)

PINS = Path(__file__).with_name("projects.toml")


def load_projects() -> list[dict]:
    with PINS.open("rb") as handle:
        return tomllib.load(handle)["project"]


def clone(project: dict, dest: Path) -> None:
    clone_at(f"https://github.com/{project['repository']}.git", project["commit"], str(dest))


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
            try:
                written, missing = extract_tree(str(git_dir), project["commit"], str(dest))
            except FileNotFoundError as error:
                print(f"{project['name']}: skipped, {error}")
                continue
            print(f"{project['name']}: {written} files extracted, {missing} missing from the snapshot")
        else:
            clone(project, dest)
            print(f"{project['name']}: cloned at {project['commit'][:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
