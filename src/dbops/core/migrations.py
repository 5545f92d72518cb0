"""The migration model: a versioned SQL file and the set of them (DESIGN §1). Pure."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from dbops.core.directives import KNOWN_DIRECTIVES, Ignore, scan_directives, split_rule_list
from dbops.core.versions import Version, description_from_name, parse_version
from dbops.errors import InputError

ChangeType = Literal["ddl", "dml"]
CHECKSUM_ALGORITHM = "sha256"
DOWN_SUFFIX = ".down.sql"
# Flyway's repeatable migrations (`R__name.sql`) have no version; dbops gives each one above
# every real version (they run after the versioned ones), stable by name: REPEATABLE.<crc32>.
REPEATABLE_MAJOR = 999_999_999


def is_repeatable(parts: tuple[int, ...]) -> bool:
    return bool(parts) and parts[0] == REPEATABLE_MAJOR


def checksum_of(content: bytes) -> str:
    """Checksums carry their algorithm so that a later dbops can change it without false drift."""
    return f"{CHECKSUM_ALGORITHM}:{hashlib.sha256(content).hexdigest()}"


@dataclass(frozen=True)
class MigrationFile:
    """One versioned migration file, read and understood, not yet parsed as SQL."""

    path: str  # as shown to users: relative to the working directory where possible
    name: str
    version: Version
    description: str
    change_type: ChangeType
    text: str
    checksum: str
    no_transaction: bool = False
    ignores: tuple[Ignore, ...] = ()
    header_lines: int = 0  # lines before the first statement (blank or comment lines)
    down_path: str | None = None
    down_text: str | None = None
    repeatable: bool = False  # re-run whenever its checksum changes (Flyway's R__ files)
    down_no_transaction: bool = False  # the rollback manages its own transaction
    verify: tuple[str, str] | None = None  # (path, SQL) that checks it is applied (Sqitch's)
    rollback_hint: str | None = None  # where its layout keeps a rollback (default: .down.sql)

    @property
    def rollback_where(self) -> str:
        return self.rollback_hint or f"{self.name.removesuffix('.sql')}{DOWN_SUFFIX}"

    @property
    def file_ignores(self) -> tuple[Ignore, ...]:
        return tuple(ignore for ignore in self.ignores if ignore.file_wide)


def _header_length(text: str) -> int:
    count = 0
    in_block_comment = False
    for line in text.split("\n"):  # as statement positions count lines
        stripped = line.strip()
        if in_block_comment or stripped.startswith("/*"):
            in_block_comment = "*/" not in stripped
        elif stripped and not stripped.startswith("--"):
            break
        count += 1
    return count


@dataclass(frozen=True)
class LayoutFacts:
    """What another tool's layout says about a migration, beyond its name and text."""

    version: Version
    description: str
    checksum: str | None = None  # default: of the content as given
    no_transaction: bool = False
    repeatable: bool = False
    down_no_transaction: bool = False
    verify: tuple[str, str] | None = None
    rollback_hint: str | None = None


def read_migration(
    path: str,
    name: str,
    content: bytes,
    down: tuple[str, bytes] | None = None,
    facts: LayoutFacts | None = None,
) -> MigrationFile:
    """Build a MigrationFile from a file's name and bytes; errors name the file. `facts` come
    from a layout that does not say the version in the file name (dbops' own does)."""
    version = facts.version if facts else parse_version(name)
    if version is None:
        raise InputError(
            f"{path}: migration file name has no version. Name it like "
            f"'202505141650_create_users.sql' or 'V1_1__create_users.sql', or move it out of "
            f"the migrations folder."
        )
    text = _decode(path, content)
    header = _header_length(text)
    change_type: ChangeType = "dml" if name.lower().endswith("_dml.sql") else "ddl"
    no_transaction = facts.no_transaction if facts else False
    ignores: list[Ignore] = []
    for directive in scan_directives(text):
        in_header = directive.line <= header
        if directive.name in ("type", "no-transaction") and not in_header:
            # Honoured only in the header; ignoring it further down would change how the file
            # runs without a word.
            raise InputError(
                f"{path}:{directive.line}: '-- dbops:{directive.name}' only works in the file "
                f"header, before the first statement; move it to the top of the file."
            )
        if directive.name == "type":
            kind = directive.argument.strip().lower()
            if kind not in ("ddl", "dml"):
                raise InputError(
                    f"{path}:{directive.line}: '-- dbops:type {directive.argument}' must be "
                    f"'ddl' or 'dml'."
                )
            change_type = "dml" if kind == "dml" else "ddl"
        elif directive.name == "no-transaction":
            no_transaction = True
        elif directive.name == "ignore":
            rules = split_rule_list(directive.argument)
            if not rules:
                raise InputError(
                    f"{path}:{directive.line}: '-- dbops:ignore' needs at least one rule name."
                )
            ignores.append(Ignore(rules=rules, line=directive.line, file_wide=in_header))
        else:
            raise InputError(
                f"{path}:{directive.line}: unknown directive 'dbops:{directive.name}' "
                f"(known: {', '.join(KNOWN_DIRECTIVES)})."
            )
    down_path, down_text = (down[0], _decode(down[0], down[1])) if down else (None, None)
    return MigrationFile(
        path=path,
        name=name,
        version=version,
        description=facts.description if facts else description_from_name(name),
        change_type=change_type,
        text=text,
        checksum=(facts.checksum if facts else None) or checksum_of(content),
        no_transaction=no_transaction,
        ignores=tuple(ignores),
        header_lines=header,
        down_path=down_path,
        down_text=down_text,
        repeatable=facts.repeatable if facts else False,
        down_no_transaction=facts.down_no_transaction if facts else False,
        verify=facts.verify if facts else None,
        rollback_hint=facts.rollback_hint if facts else None,
    )


def _decode(path: str, content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: file is not valid UTF-8 (byte {exc.start}). Save it as UTF-8."
        ) from None


@dataclass(frozen=True)
class MigrationSet:
    """Migrations ordered by version; versions are unique."""

    files: tuple[MigrationFile, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, files: Iterable[MigrationFile]) -> MigrationSet:
        # Repeatable migrations last, by name, as Flyway runs them.
        ordered = sorted(
            files,
            key=lambda m: ((REPEATABLE_MAJOR,), m.name) if m.repeatable else (m.version.parts, ""),
        )
        for earlier, later in pairwise(ordered):
            if earlier.version == later.version:
                raise InputError(
                    f"{later.path}: version {later.version} is also used by {earlier.path}. "
                    f"Every migration needs its own version: rename one of them."
                )
        return cls(tuple(ordered))

    def __iter__(self) -> Iterator[MigrationFile]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def by_version(self) -> dict[Version, MigrationFile]:
        return {migration.version: migration for migration in self.files}

    def select(self, paths: Sequence[str]) -> list[MigrationFile]:
        wanted = set(paths)
        return [migration for migration in self.files if migration.path in wanted]
