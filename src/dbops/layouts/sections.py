"""Layouts with several parts in one file: dbmate (`-- migrate:up` / `-- migrate:down`) and
Liquibase formatted SQL (`--changeset author:id`, `--rollback`). Each part keeps the lines it
has in the file: the text before it is blank lines, so findings point at the user's file."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dbops.core.migrations import LayoutFacts, MigrationFile, checksum_of, read_migration
from dbops.core.versions import Version
from dbops.errors import InputError
from dbops.layouts.files import SourceFile, decoded, human, padded, version_of

_DBMATE_NAME = re.compile(r"^(?P<version>\d+)_?(?P<title>.*)\.sql$")
_DBMATE_MARK = re.compile(r"^--\s*migrate:(?P<direction>up|down)\b(?P<options>.*)$")


def read_dbmate(files: Sequence[SourceFile]) -> list[MigrationFile]:
    """`<version>_name.sql` with an `-- migrate:up` section and an optional `-- migrate:down`;
    `transaction:false` on a marker runs that section outside a transaction."""
    migrations = []
    for file in files:
        name = _DBMATE_NAME.match(file.name)
        if name is None:
            raise InputError(
                f"{file.shown}: dbmate migrations are named '<version>_name.sql' "
                f"(e.g. 20240101120000_create_users.sql)."
            )
        lines = decoded(file).split("\n")
        marks = {}
        for index, line in enumerate(lines):
            match = _DBMATE_MARK.match(line.strip())
            if match:
                marks[match.group("direction")] = (index, "transaction:false" in match.group(2))
                # `--migrate:up` (no space) is no comment for MySQL; dbmate strips it
                lines[index] = f"-- migrate:{match.group('direction')}{match.group('options')}"
        if "up" not in marks:
            raise InputError(f"{file.shown}:1: a dbmate migration needs a '-- migrate:up' line.")
        up_line, up_no_tx = marks["up"]
        down_line, down_no_tx = marks.get("down", (len(lines), False))
        if down_line < up_line:
            raise InputError(
                f"{file.shown}:{down_line + 1}: '-- migrate:down' comes before '-- migrate:up'."
            )
        up_text = "\n".join(lines[:down_line]) + "\n"
        down = None
        if "down" in marks:
            down = (file.shown, (padded(lines, down_line, len(lines))).encode("utf-8"))
        facts = LayoutFacts(
            version_of(name.group("version"), file),
            human(name.group("title")),
            checksum=checksum_of(file.content),
            no_transaction=up_no_tx,
            down_no_transaction=down_no_tx,
            rollback_hint="a '-- migrate:down' section",
        )
        migrations.append(
            read_migration(file.shown, file.name, up_text.encode("utf-8"), down, facts)
        )
    return migrations


_FORMATTED = re.compile(r"^\s*--\s*liquibase formatted sql", re.IGNORECASE)
_CHANGESET = re.compile(r"^\s*--\s*changeset\s+(?P<author>[^:\s]+):(?P<id>\S+)(?P<rest>.*)$")
_ROLLBACK = re.compile(r"^\s*--\s*rollback\b ?(?P<sql>.*)$", re.IGNORECASE)
# Liquibase's own comment lines; `--x` without a space is not a comment for MySQL, so they are
# run as `-- x` (Liquibase strips them).
_LIQUIBASE_LINE = re.compile(
    r"^(\s*)--(?=changeset|comment|preconditions|precondition-|validCheckSum|ignoreLines)",
    re.IGNORECASE,
)


def read_liquibase(files: Sequence[SourceFile]) -> list[MigrationFile]:
    """Every changeset of the `--liquibase formatted sql` files, in file-name order and then in
    file order; the n-th changeset is version n (changesets are appended, as Liquibase's own
    history is in execution order). `--rollback` lines are its rollback."""
    migrations: list[MigrationFile] = []
    for file in sorted(files, key=lambda file: file.relative):
        lines = decoded(file).split("\n")
        if not lines or not _FORMATTED.match(lines[0]):
            raise InputError(
                f"{file.shown}:1: not a Liquibase formatted SQL file (its first line must be "
                f"'--liquibase formatted sql'); move it out of the migrations folder."
            )
        starts = [index for index, line in enumerate(lines) if _CHANGESET.match(line)]
        for position, start in enumerate(starts):
            end = starts[position + 1] if position + 1 < len(starts) else len(lines)
            migrations.append(_changeset(file, lines, start, end, len(migrations) + 1))
    return migrations


def _changeset(
    file: SourceFile, lines: list[str], start: int, end: int, ordinal: int
) -> MigrationFile:
    header = _CHANGESET.match(lines[start])
    assert header is not None
    author, changeset_id = header.group("author"), header.group("id")
    no_transaction = "runintransaction:false" in header.group("rest").lower().replace(" ", "")
    up_lines = [_LIQUIBASE_LINE.sub(r"\1-- ", line) for line in lines[:end]]
    down_lines = [""] * end
    has_rollback = False
    for index in range(start, end):
        rollback = _ROLLBACK.match(lines[index])
        if rollback:
            has_rollback = True
            down_lines[index] = rollback.group("sql")
            up_lines[index] = ""
    body = "\n".join(up_lines[start:end])
    text = padded(up_lines, start, end) + "\n"
    down = None
    if has_rollback:
        down = (file.shown, ("\n".join(down_lines) + "\n").encode("utf-8"))
    facts = LayoutFacts(
        Version(str(ordinal), (ordinal,)),
        f"{author}:{changeset_id}",
        checksum=checksum_of(body.encode("utf-8")),
        no_transaction=no_transaction,
        rollback_hint=f"'--rollback' lines in changeset {author}:{changeset_id}",
    )
    return read_migration(file.shown, file.name, text.encode("utf-8"), down, facts)
