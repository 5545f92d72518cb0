"""What a rule is: metadata, documentation with a bad and a good example, and a check.

A rule looks at one statement at a time (`RuleContext`), with the schema as it stands after
every earlier statement and migration, and yields `Violation`s. The engine turns them into
findings with the level the policy gives. The rule's docstring is its documentation, with the
sections *What it does*, *Why is this bad?*, *Example*, *Use instead* (and *Options*), as ruff
documents its rules; `bad_example` must fire and `good_example` must not (tests execute both).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from dbops.core.findings import Fix, Level
from dbops.core.locks import LockImpact, TargetVersion
from dbops.core.migrations import MigrationFile
from dbops.core.schema import SchemaModel
from dbops.core.statements import Statement


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


@dataclass(frozen=True)
class Violation:
    message: str
    line: int | None = None  # defaults to the statement's line
    column: int | None = None
    # The last character of the element at fault (defaults: the statement's end when the
    # violation points at the statement, else the end of the line within the statement).
    end_line: int | None = None
    end_column: int | None = None
    help: str = ""  # defaults to the rule's "Use instead" summary
    fix: Fix | None = None


@dataclass(frozen=True)
class StatementContext:
    """What a rule that reads the typed statement model sees: the statement, the other
    statements of its file, and the schema replayed from everything before it."""

    statement: Statement
    file: MigrationFile
    dialect: str
    schema: SchemaModel  # the schema before this statement
    previous: Sequence[Statement]  # earlier statements of the same file
    following: Sequence[Statement] = ()  # later statements of the same file
    # What the statement locks, rewrites and scans on the target server (the lock model's
    # verdict: rules about lock hazards decide from it, and name the lock in their messages).
    locks: LockImpact = field(default_factory=LockImpact)
    target: TargetVersion | None = None
    # (table, column) names (as the engine compares them) that a later migration of the same
    # review makes NOT NULL; filled for rules that set `reads_later_not_null`.
    made_not_null_later: frozenset[tuple[str, str]] = frozenset()

    def schema_after(self) -> SchemaModel:
        """The schema once this statement has run."""
        raise NotImplementedError  # the engine's context answers from its replay

    def schema_at_end(self) -> SchemaModel:
        """The schema once the whole file has run (for rules that judge a file's net effect,
        as `CREATE TABLE t (…)` followed by `ALTER TABLE t ADD PRIMARY KEY …`)."""
        raise NotImplementedError

    @property
    def in_transaction(self) -> bool:
        """Whether the file runs inside a transaction when applied (dbops wraps each file in
        one unless it says `-- dbops:no-transaction`)."""
        return not self.file.no_transaction


class RuleScope(StrEnum):
    """What a rule judges: one statement at a time (most rules), a whole file (the engine
    decides `unused-ignore` once every other rule has run on the file), or the migration set
    against the base branch (out-of-order versions, changed checksums: core/crossfile.py)."""

    STATEMENT = "statement"
    FILE = "file"
    MIGRATION_SET = "migration-set"


class Rule:
    """Base class; subclasses set the metadata and implement `check`."""

    name: ClassVar[str]  # kebab-case, names the hazard: "adding-required-field"
    bytebase_type: ClassVar[str | None] = None  # "column.no-null"; answers to COLUMN_NO_NULL too
    default_level: ClassVar[Level | None] = Level.WARNING  # None: off unless a policy enables it
    dialects: ClassVar[frozenset[str] | None] = None  # None: every dialect
    category: ClassVar[str] = "general"
    scope: ClassVar[RuleScope] = RuleScope.STATEMENT
    # Rules ported to the typed statement model set this; `check` then gets a StatementContext.
    reads_model: ClassVar[bool] = False
    # The statement types the rule inspects (empty: every statement); the engine hands it only
    # those, so a rule costs nothing on the statements it never looks at.
    statement_kinds: ClassVar[tuple[type[Statement], ...]] = ()
    # The rule reads `StatementContext.made_not_null_later` (the engine then looks ahead).
    reads_later_not_null: ClassVar[bool] = False
    bad_example: ClassVar[str]
    good_example: ClassVar[str]
    example_history: ClassVar[str] = ""  # earlier migration the examples assume, if any
    example_options: ClassVar[dict[str, Any]] = {}  # options the examples assume (a list rule)
    # The server version the examples are judged for ("19"), when the verdict depends on it;
    # "" for dbops' default target.
    example_server_version: ClassVar[str] = ""
    Options: ClassVar[type[BaseModel]] = NoOptions

    def __init__(self, options: BaseModel | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def check(self, context: StatementContext) -> Iterator[Violation]:
        raise NotImplementedError

    @classmethod
    def aliases(cls) -> tuple[str, ...]:
        """Every name the rule answers to: its own and its Bytebase type in both spellings."""
        names = [cls.name]
        if cls.bytebase_type:
            names.append(cls.bytebase_type)
            names.append(bytebase_enum_name(cls.bytebase_type))
        return tuple(names)

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first sentence of *What it does*."""
        text = cls.documentation()
        body = text.split("## What it does", 1)[-1].strip()
        first = body.split("\n\n", 1)[0].replace("\n", " ").strip()
        return first.split(". ")[0].rstrip(".")

    @classmethod
    def use_instead(cls) -> str:
        """The *Use instead* section as plain text (its SQL without the fences): the help a
        finding shows when its violation names none of its own."""
        text = cls.documentation()
        if "## Use instead" not in text:
            return ""
        body = text.split("## Use instead", 1)[1].split("\n## ", 1)[0]
        lines = [line for line in body.strip().splitlines() if not line.startswith("```")]
        return "\n".join(lines).strip()

    @classmethod
    def applies_to(cls, dialect: str) -> bool:
        return cls.dialects is None or dialect in cls.dialects

    @classmethod
    def parse_options(cls, raw: dict[str, Any]) -> BaseModel:
        return cls.Options.model_validate(raw)


def bytebase_enum_name(bytebase_type: str) -> str:
    """`column.no-null` -> `COLUMN_NO_NULL` (Bytebase's v1 API spelling)."""
    return bytebase_type.replace(".", "_").replace("-", "_").upper()
