"""SQL text to statements: positions, one tokenization per file, errors that do not hide others."""

from __future__ import annotations

from typing import Any

import pytest
from sqlglot import exp

from dbops.core.sql import get_dialect, parse_sql

FUNCTION = """\
CREATE TABLE t (id bigint PRIMARY KEY);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.id := 1;  -- a semicolon inside the body
    RETURN NEW;
END;
$$;
  ALTER TABLE t
    ADD COLUMN note text;
"""


def test_statements_carry_their_text_and_positions() -> None:
    parsed = parse_sql(FUNCTION, "postgres")
    assert parsed.error is None
    positions = [(s.index, s.line, s.column, s.end_line) for s in parsed.statements]
    assert positions == [(0, 1, 1, 1), (1, 2, 1, 7), (2, 8, 3, 9)]
    assert parsed.statements[2].text == "ALTER TABLE t\n    ADD COLUMN note text"
    assert "RETURN NEW;" in parsed.statements[1].text


def test_each_file_is_tokenized_once(monkeypatch: pytest.MonkeyPatch) -> None:
    dialect = get_dialect("postgres")
    calls: list[str] = []
    tokenize = dialect.tokenize

    def counting(sql: str, **kwargs: Any) -> Any:
        calls.append(sql)
        return tokenize(sql, **kwargs)

    monkeypatch.setattr(dialect, "tokenize", counting)
    parsed = parse_sql(FUNCTION, "postgres")
    assert len(parsed.statements) == 3
    assert calls == [FUNCTION]


def test_a_statement_that_does_not_parse_hides_no_other() -> None:
    parsed = parse_sql("SELECT 1;\nCREATE TABLE (;\nDROP TABLE t;\n", "postgres")
    first, broken, last = parsed.statements
    assert first.error is None and isinstance(first.tree, exp.Select)
    assert broken.error is not None and broken.tree is None and broken.line == 2
    assert last.error is None and isinstance(last.tree, exp.Drop)


def test_statements_sqlglot_keeps_as_commands_are_opaque_with_keywords() -> None:
    (statement,) = parse_sql("alter type mood add value 'x';", "postgres").statements
    assert statement.opaque
    assert statement.keywords == ("ALTER", "TYPE", "MOOD", "ADD", "VALUE", "X")
    assert statement.keywords is statement.keywords  # computed once, read by many rules


def test_a_leading_word_that_starts_no_statement_is_a_syntax_error() -> None:
    typo, listen = parse_sql("foo;\nLISTEN channel;\n", "postgres").statements
    assert typo.error == "'foo' does not start a SQL statement"
    assert listen.error is None and listen.opaque


def test_a_file_that_cannot_be_tokenized_reports_its_line() -> None:
    parsed = parse_sql("SELECT 1;\nSELECT 'unterminated;\n", "postgres")
    assert parsed.statements == ()
    assert parsed.error is not None
    assert parsed.error_line >= 1


def test_empty_and_comment_only_files_have_no_statements() -> None:
    assert parse_sql("", "postgres").statements == ()
    assert parse_sql("-- nothing yet\n;\n", "postgres").statements == ()


def test_positions_after_crlf_line_ends() -> None:
    parsed = parse_sql("SELECT 1;\r\n\r\n  SELECT 2;\r\n", "postgres")
    assert [(s.line, s.column) for s in parsed.statements] == [(1, 1), (3, 3)]
