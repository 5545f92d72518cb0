"""Reading the base branch from git (`dbops check --changed --base REF`), through the `git` CLI.

Bitbucket Pipelines clones shallow (50 commits by default) and only the branch being built, so
the two things most likely to go wrong in CI are an unknown REF and a merge base outside the
clone; both stop with a message that says what to put in bitbucket-pipelines.yml.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dbops.adapters.migration_files import display_path
from dbops.core.migrations import DOWN_SUFFIX, checksum_of
from dbops.core.versions import Version, parse_version
from dbops.errors import DbopsError, InputError, UsageError
from dbops.layouts import SQITCH_PLAN, SourceFile, detect_layout, read_layout

_FULL_CLONE_HINT = (
    "In Bitbucket Pipelines set `clone: depth: full` on the step in bitbucket-pipelines.yml, "
    "or fetch the base first (git fetch --unshallow origin {branch})."
)


@dataclass(frozen=True)
class BaseBranch:
    """What `--base REF` tells a check: the migrations on REF, and which ones the branch adds
    or changes since its merge base with REF. Paths as dbops shows them (relative to the
    working directory), the same as the current migrations' paths."""

    ref: str
    files: dict[str, tuple[Version, str]]  # path -> (version, checksum) as REF has them
    changed: frozenset[str] | None  # None when not asked for


def read_base_branch(
    folder: Path, ref: str, cwd: Path, with_changes: bool, layout: str | None = None
) -> BaseBranch:
    """The migrations under `folder` on `ref`, and (`with_changes`) the files changed since the
    merge base of REF and HEAD. Without `with_changes` no merge base is needed, so a shallow
    clone that has REF is enough."""
    if ref.startswith("-"):
        raise UsageError(f"--base {ref}: expected a branch or commit, not an option.")
    root = repository_root(cwd)
    folder_in_repo = _relative(folder, root)
    commit = resolve_commit(root, ref)
    changed = None
    if with_changes:
        since = _changed_since(root, find_merge_base(root, ref, commit), folder_in_repo)
        changed = frozenset(display_path(root / path, cwd) for path in since)
    files = _migrations_at(root, commit, folder_in_repo, layout)
    shown = {display_path(root / path, cwd): entry for path, entry in files.items()}
    return BaseBranch(ref, shown, changed)


def repository_root(cwd: Path) -> Path:
    result = _git(cwd, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise InputError(
            f"{cwd}: not inside a git repository, so --base/--changed cannot compare with a "
            f"branch. Run dbops check from your repository's checkout, or drop --base."
        )
    return Path(result.stdout.decode().strip()).resolve()


def resolve_commit(root: Path, ref: str) -> str:
    result = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if result.returncode != 0:
        hint = (
            " This clone is shallow: " + _FULL_CLONE_HINT.format(branch=_branch_name(ref))
            if _is_shallow(root)
            else f" Fetch it first (git fetch origin {_branch_name(ref)}) or check the name."
        )
        raise UsageError(f"--base {ref}: git does not know this branch or commit.{hint}")
    return result.stdout.decode().strip()


def find_merge_base(root: Path, ref: str, commit: str) -> str:
    result = _git(root, "merge-base", commit, "HEAD")
    if result.returncode == 0:
        return result.stdout.decode().strip()
    if _is_shallow(root):
        raise InputError(
            f"--base {ref}: no merge base between {ref} and HEAD in this shallow clone, so dbops "
            f"cannot tell which migrations the branch changed. "
            + _FULL_CLONE_HINT.format(branch=_branch_name(ref))
        )
    raise InputError(
        f"--base {ref}: {ref} and HEAD have no common history; compare with the branch this "
        f"one was created from."
    )


def _migrations_at(
    root: Path, commit: str, folder: str, layout: str | None
) -> dict[str, tuple[Version, str]]:
    """The migrations under `folder` at `commit` (paths relative to the root), read in their
    layout as the working tree's are; dbops' own: every versioned `*.sql` file."""
    listing = _checked(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", folder or ".")
    blobs: dict[str, str] = {}
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        _mode, kind, blob = meta.decode().split()
        path = raw_path.decode("utf-8", errors="surrogateescape")
        name = path.rsplit("/", 1)[-1]
        if kind == "blob" and (name.endswith(".sql") or name in LAYOUT_FILES):
            blobs[path] = blob
    contents = _read_blobs(root, list(blobs.values()))
    prefix = f"{folder}/" if folder else ""
    sources = [
        SourceFile(path.removeprefix(prefix), path, contents[blob]) for path, blob in blobs.items()
    ]
    chosen = layout or detect_layout(sources)
    if chosen != "dbops":
        try:
            migrations = read_layout(chosen, sources)
        except DbopsError:  # the base branch's own problems were reported when it was checked
            return {}
        files: dict[str, tuple[Version, str]] = {}
        for migration in migrations:
            if migration.repeatable:  # not a version: changing it is how it is meant to be used
                continue
            key = (
                migration.path
                if migration.path not in files
                else f"{migration.path}#{migration.version}"
            )
            files[key] = (migration.version, migration.checksum)
        return files
    files = {}
    for source in sources:
        if source.name.endswith(DOWN_SUFFIX) or not source.name.endswith(".sql"):
            continue
        version = parse_version(source.name)
        if version is not None:  # unversioned files are reported when the branch's set is read
            files[source.shown] = (version, checksum_of(source.content))
    return files


LAYOUT_FILES = frozenset({SQITCH_PLAN, "metadata.toml"})


def _read_blobs(root: Path, blobs: Sequence[str]) -> dict[str, bytes]:
    """Blob contents in one `git cat-file --batch` process (hundreds of files stay fast)."""
    if not blobs:
        return {}
    result = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=root,
        input="".join(f"{blob}\n" for blob in blobs).encode(),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise InputError(f"git cat-file failed in {root}: {result.stderr.decode().strip()}")
    out = result.stdout
    contents: dict[str, bytes] = {}
    position = 0
    for blob in blobs:
        header_end = out.index(b"\n", position)
        _sha, _kind, size = out[position:header_end].decode().split()
        start = header_end + 1
        contents[blob] = out[start : start + int(size)]
        position = start + int(size) + 1  # content is followed by a newline
    return contents


def _changed_since(root: Path, merge_base: str, folder: str) -> list[str]:
    """Files added, modified or renamed since the merge base: committed, staged or in the
    working tree, plus untracked ones (a new migration not yet added is still new)."""
    scope = folder or "."
    diff = _checked(
        root,
        "diff",
        "--name-only",
        "-z",
        "--no-renames",
        "--diff-filter=AM",
        merge_base,
        "--",
        scope,
    )
    untracked = _checked(root, "ls-files", "--others", "--exclude-standard", "-z", "--", scope)
    names = [name for name in (diff + b"\0" + untracked).split(b"\0") if name]
    return [name.decode("utf-8", errors="surrogateescape") for name in names]


def _is_shallow(root: Path) -> bool:
    result = _git(root, "rev-parse", "--is-shallow-repository")
    return result.stdout.decode().strip() == "true"


def _branch_name(ref: str) -> str:
    return ref.removeprefix("refs/remotes/").removeprefix("origin/")


def _relative(folder: Path, root: Path) -> str:
    try:
        relative = folder.resolve().relative_to(root).as_posix()
    except ValueError:
        raise InputError(
            f"{folder}: the migrations folder is outside the git repository at {root}; "
            f"--base can only compare files git tracks."
        ) from None
    return "" if relative == "." else relative


def _checked(root: Path, *args: str) -> bytes:
    result = _git(root, *args)
    if result.returncode != 0:
        raise InputError(f"git {args[0]} failed in {root}: {result.stderr.decode().strip()}")
    return result.stdout


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("git") is None:
        raise InputError("git is not installed (or not on PATH); --base and --changed need it.")
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, check=False
    )
