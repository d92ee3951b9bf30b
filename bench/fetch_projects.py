#!/usr/bin/env python
"""Fetch the benchmark's pinned projects (bench/projects.txt) into a folder, and print the folders to check.

Usage: python bench/fetch_projects.py DEST [--git-dirs DIR] [--only NAME...]

Without ``--git-dirs`` each project is fetched from its public repository at the pinned commit (a shallow fetch of
that one commit). With ``--git-dirs DIR``, a local bare copy ``DIR/<owner>+<repo>/repo`` is used instead and its
tree at the pinned commit (or HEAD when the copy lacks it) is written out; blobs missing from a partial copy are
skipped and counted. Then: ``python bench/projects.py $(python bench/fetch_projects.py DEST --print-only)``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

PINS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "projects.txt")


def read_pins() -> list[tuple[str, str, str, str]]:
    pins = []
    with open(PINS, encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.lstrip().startswith("#"):
                name, url, commit, folder = line.split()
                pins.append((name, url, commit, folder))
    return pins


def clone_at(url: str, commit: str, dest: str) -> None:
    subprocess.run(["git", "init", "-q", dest], check=True)
    subprocess.run(["git", "-C", dest, "fetch", "-q", "--depth", "1", url, commit], check=True)
    subprocess.run(["git", "-C", dest, "checkout", "-q", "FETCH_HEAD"], check=True)


def extract_tree(git_dir: str, commit: str, dest: str) -> tuple[int, int]:
    """Write the tree of ``commit`` (HEAD if absent) to ``dest``; (files written, blobs missing).

    Raises FileNotFoundError when ``git_dir`` holds no git snapshot, so a caller can skip that project.
    """
    if not os.path.isfile(os.path.join(git_dir, "HEAD")):
        raise FileNotFoundError(f"no git snapshot at {git_dir}")
    git = ["git", f"--git-dir={git_dir}"]
    has_commit = subprocess.run([*git, "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True).returncode == 0
    revision = commit if has_commit else "HEAD"
    listing = subprocess.run([*git, "ls-tree", "-r", "-z", revision], capture_output=True, check=True).stdout
    reader = subprocess.Popen([*git, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    written = missing = 0
    for entry in filter(None, listing.split(b"\0")):
        meta, path = entry.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind != b"blob" or mode == b"120000":  # submodules and symlinks are not sources
            continue
        reader.stdin.write(sha + b"\n")
        reader.stdin.flush()
        header = reader.stdout.readline()
        if header.endswith(b"missing\n"):
            missing += 1
            continue
        data = reader.stdout.read(int(header.split()[2]))
        reader.stdout.read(1)
        target = os.path.join(dest, os.fsdecode(path))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(data)
        written += 1
    reader.stdin.close()
    reader.wait()
    return written, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", help="folder that receives one sub-folder per project")
    parser.add_argument("--git-dirs", help="folder of local bare copies named <owner>+<repo>/repo")
    parser.add_argument("--only", nargs="*", help="names of the projects to fetch (default: all)")
    parser.add_argument("--print-only", action="store_true", help="fetch nothing; print the folders to check")
    args = parser.parse_args(argv)
    folders = []
    for name, url, commit, folder in read_pins():
        if args.only and name not in args.only:
            continue
        dest = os.path.join(args.dest, name)
        folders.append(os.path.join(dest, folder))
        if args.print_only or os.path.exists(dest):
            continue
        if args.git_dirs:
            owner_repo = "+".join(url.rstrip("/").split("/")[-2:])
            try:
                written, missing = extract_tree(os.path.join(args.git_dirs, owner_repo, "repo"), commit, dest)
            except FileNotFoundError as error:
                print(f"{name}: skipped, {error}", file=sys.stderr)
                folders.pop()
                continue
            print(f"{name}: {written} files, {missing} missing blobs skipped", file=sys.stderr)
        else:
            clone_at(url, commit, dest)
            print(f"{name}: fetched {commit[:12]}", file=sys.stderr)
    print(" ".join(folders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
