#!/usr/bin/env python3
"""Checks that every published crate's `rust-version` is true of its lock file.

A crate cannot build on a toolchain older than the newest `rust-version`
among the dependencies it compiles (normal and build dependencies, every
optional one included, as `--all-features` resolves them in `Cargo.lock`).
No older toolchain can be installed here, so this reads `cargo metadata`
instead of compiling: it fails when a published member of the workspace
declares a `rust-version` older than one of its dependencies needs, or
declares none.

Run: python3 tools/check_msrv.py   (CI runs it from .ci/run)
"""

import json
import subprocess
import sys


def version_key(v):
    """'1.85' or '1.85.0' -> (1, 85, 0), for comparing Rust versions."""
    parts = [int(p) for p in v.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    meta = json.loads(out)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}

    def closure(root):
        """Every package `root` compiles for a user: normal and build deps."""
        seen, todo = set(), [root]
        while todo:
            node = nodes[todo.pop()]
            for dep in node["deps"]:
                kinds = {k["kind"] for k in dep["dep_kinds"]}
                if kinds & {None, "build"} and dep["pkg"] not in seen:
                    seen.add(dep["pkg"])
                    todo.append(dep["pkg"])
        return seen

    failed = False
    for member in meta["workspace_members"]:
        pkg = packages[member]
        if pkg.get("publish") == []:
            continue  # not published: its MSRV promises nothing to users
        declared = pkg.get("rust_version")
        needs = [
            (packages[d]["rust_version"], packages[d]["name"], packages[d]["version"])
            for d in closure(member)
            if packages[d].get("rust_version")
        ]
        highest = max(needs, key=lambda n: version_key(n[0]), default=None)
        if declared is None:
            print(f"{pkg['name']}: no rust-version declared")
            failed = True
        elif highest and version_key(highest[0]) > version_key(declared):
            print(
                f"{pkg['name']}: rust-version {declared}, but {highest[1]} "
                f"{highest[2]} needs {highest[0]}"
            )
            failed = True
        else:
            top = f"{highest[1]} {highest[2]} needs {highest[0]}" if highest else "no dependency declares one"
            print(f"{pkg['name']}: rust-version {declared} holds ({top})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
