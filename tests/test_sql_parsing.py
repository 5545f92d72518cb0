"""SQL text to statements: positions, one tokenization per file, errors that do not hide others."""

from __future__ import annotations

from typing import Any

import pytest
from sqlglot import exp

from dbops.core.sql import Verdict, get_dialect, parse_sql


def sqlglot_only(statement: str) -> Verdict | None:
    """A validator that never judges: sqlglot's own verdicts, as without pglast."""
    return None


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


def counted_tokenize(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    dialect = get_dialect(name)
    calls: list[str] = []
    tokenize = dialect.tokenize

    def counting(sql: str, **kwargs: Any) -> Any:
        calls.append(sql)
        return tokenize(sql, **kwargs)

    monkeypatch.setattr(dialect, "tokenize", counting)
    return calls


def test_each_file_is_tokenized_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counted_tokenize(monkeypatch, "mysql")
    parsed = parse_sql(FUNCTION.replace("$$", "'"), "mysql")
    assert len(parsed.statements) >= 3
    assert len(calls) == 1


def test_valid_postgres_is_split_by_its_parser_and_tokenized_only_on_demand(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = counted_tokenize(monkeypatch, "postgres")
    parsed = parse_sql(FUNCTION, "postgres")
    assert len(parsed.statements) == 3 and calls == []  # split by pglast, no sqlglot work
    trees = [statement.tree for statement in parsed.statements]  # the old rules' trees
    assert calls == [FUNCTION]  # the whole file once, for all of them
    assert isinstance(trees[0], exp.Create) and isinstance(trees[2], exp.Alter)
    assert parsed.statements[1].tokens[0].text == "CREATE"
    eager = parse_sql(FUNCTION + "\nSELEC 1;", "postgres")  # PostgreSQL rejects the file
    assert [type(s.tree) for s in eager.statements[:3]] == [type(tree) for tree in trees]


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
    typo, listen = parse_sql("foo;\nLISTEN channel;\n", "postgres", sqlglot_only).statements
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


# --- MySQL: DELIMITER and compound routine bodies ---------------------------------------------

DELIMITED = """\
CREATE TABLE t (id int);
DELIMITER //
CREATE PROCEDURE p()
BEGIN
    INSERT INTO t VALUES (1);  -- a comment with // inside
    SELECT ';//' FROM t;
END//
DELIMITER ;
DROP TABLE t;
"""


def test_delimiter_lines_are_not_statements_and_the_routine_is_one() -> None:
    parsed = parse_sql(DELIMITED, "mysql")
    assert parsed.error is None
    create, routine, drop = parsed.statements
    assert (create.line, create.end_line, create.error) == (1, 1, None)
    assert (routine.line, routine.end_line, routine.error) == (3, 7, None)
    assert routine.opaque and routine.text.startswith("CREATE PROCEDURE p()")
    assert routine.text.endswith("END") and "SELECT ';//' FROM t;" in routine.text
    assert (drop.line, drop.text, drop.error) == (9, "DROP TABLE t", None)


def test_statements_end_at_the_custom_delimiter() -> None:
    sql = "delimiter $$\nCALL p()$$\nSELECT 2 $$\ndelimiter ;\nCALL q(1);\nSELECT 3"
    parsed = parse_sql(sql, "mysql")
    assert [(s.text, s.line, s.error) for s in parsed.statements] == [
        ("CALL p()", 2, None),  # CALL's arguments end at the delimiter, not the next ";"
        ("SELECT 2", 3, None),
        ("CALL q(1)", 5, None),
        ("SELECT 3", 6, None),
    ]


def test_a_typo_between_delimiter_lines_keeps_its_line() -> None:
    sql = "DELIMITER ;;\nSELECT 1;;\nSELEC 2;;\nDELIMITER ;\n"
    first, typo = parse_sql(sql, "mysql").statements
    assert first.error is None
    assert typo.error is not None and typo.line == 3


ROUTINES = """\
CREATE DEFINER = 'admin'@'%' PROCEDURE fill(IN n INT)
BEGIN
    DECLARE i INT DEFAULT 0;
    IF n > 0 THEN
        WHILE i < n DO
            INSERT INTO t VALUES (i, CASE WHEN i > 1 THEN 'x' ELSE 'y' END);
            SET i = i + 1;
        END WHILE;
    ELSEIF n IS NULL THEN
        CASE n WHEN 1 THEN SELECT 1; ELSE SELECT IF(n, 1, 2); END CASE;
    END IF;
    lbl: LOOP
        LEAVE lbl;
    END LOOP lbl;
    REPEAT SET i = i - 1; UNTIL i = 0 END REPEAT;
END;
CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.v = UPPER(NEW.v);
DROP TABLE IF EXISTS u;
"""


def test_a_compound_routine_body_without_delimiter_is_one_statement() -> None:
    routine, trigger, drop = parse_sql(ROUTINES, "mysql").statements
    assert (routine.line, routine.end_line, routine.error) == (1, 16, None)
    assert routine.opaque and routine.text.endswith("END")
    assert (trigger.line, trigger.error) == (17, None)
    assert (drop.line, drop.error) == (18, None)


def test_a_routine_whose_nesting_never_closes_splits_on_semicolons() -> None:
    sql = "CREATE PROCEDURE p() BEGIN SELECT 1;\nSELECT 2;\n"
    statements = parse_sql(sql, "mysql").statements
    assert [s.line for s in statements] == [1, 2]


@pytest.mark.parametrize(
    ("dialect", "sql"),
    [
        (
            "sqlite",
            "CREATE TRIGGER trg AFTER INSERT ON t BEGIN\n"
            "  UPDATE u SET n = CASE WHEN n > 0 THEN n + 1 ELSE 1 END;\n"
            "  DELETE FROM v;\nEND;\nSELECT 1;",
        ),
        (
            "postgres",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC\n"
            "  SELECT 1;\n  SELECT 2;\nEND;\nSELECT 1;",
        ),
    ],
)
def test_trigger_and_atomic_bodies_stay_whole(dialect: str, sql: str) -> None:
    body, after = parse_sql(sql, dialect).statements
    assert body.error is None and body.opaque and body.text.endswith("END")
    assert (after.line, after.text) == (5, "SELECT 1")


# --- MySQL partition maintenance --------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "ALTER TABLE t DROP PARTITION p1",
        "ALTER TABLE db.t DROP PARTITION p1, `p2`",
        "ALTER TABLE t TRUNCATE PARTITION ALL",
        "ALTER TABLE t ADD PARTITION (PARTITION p3 VALUES LESS THAN (2002))",
    ],
)
def test_mysql_partition_maintenance_is_opaque_not_an_error(sql: str) -> None:
    (statement,) = parse_sql(sql, "mysql").statements
    assert statement.error is None and statement.opaque


def test_a_broken_partition_list_is_still_an_error() -> None:
    (statement,) = parse_sql("ALTER TABLE t DROP PARTITION p1 p2", "mysql").statements
    assert statement.error is not None


# --- SQLite type names --------------------------------------------------------------------------


def test_sqlite_multi_word_and_any_types_parse_into_a_tree() -> None:
    sql = (
        "CREATE TABLE t (\n  a floating point NOT NULL,\n  b unsigned big int,\n"
        '  c varying character(20),\n  d native character(70),\n  "e" ANY,\n'
        "  PRIMARY KEY (a)\n) STRICT;"
    )
    (statement,) = parse_sql(sql, "sqlite").statements
    assert statement.error is None and isinstance(statement.tree, exp.Create)
    columns = {c.name: c.args["kind"].sql("sqlite") for c in statement.tree.find_all(exp.ColumnDef)}
    assert columns == {
        "a": "floating point",
        "b": "unsigned big int",
        "c": "varying character(20)",
        "d": "native character(70)",
        "e": "ANY",
    }
    assert statement.keywords[5:7] == ("FLOATING", "POINT")  # the tokens stay as written


def test_a_sqlite_typo_is_still_an_error_on_its_line() -> None:
    sql = "SELECT 1;\nCREATE TABLE t (a floating point NOT NULLL);\n"
    _, broken = parse_sql(sql, "sqlite", sqlglot_only).statements
    assert broken.error is not None and broken.line == 2


# --- validators -----------------------------------------------------------------------------------


def test_a_validator_overturns_an_error_and_places_the_one_it_confirms() -> None:
    seen: list[str] = []

    def judge(statement: str) -> Verdict:
        seen.append(statement)
        if "GOOD" in statement:
            return Verdict(True)
        return Verdict(False, "bad here", statement.index("!"))

    sql = "SELECT 1;\nFROB GOOD;\nFROB\n  bad !;\n"
    plain, good, bad = parse_sql(sql, "mysql", judge).statements
    assert seen == ["FROB GOOD", "FROB\n  bad !"]  # only what sqlglot rejected
    assert plain.error is None and good.error is None and good.opaque
    assert good.tree is not None and good.tree.this == "FROB"
    assert (bad.error, bad.line, bad.error_line, bad.error_column) == ("bad here", 3, 4, 7)


@pytest.mark.parametrize(
    "sql",
    [
        "DO SLEEP(1)",
        "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'x'",
        "CHECK TABLE t",
        "CHECKSUM TABLE t",
        "LOAD DATA INFILE 'x.csv' INTO TABLE t",
    ],
)
def test_mysql_statements_sqlglot_has_no_parser_for_are_opaque(sql: str) -> None:
    (statement,) = parse_sql(sql, "mysql").statements
    assert statement.error is None and statement.opaque


def test_a_typo_in_a_statement_sqlglot_models_stays_an_error() -> None:
    (statement,) = parse_sql("INSERT INTO t VALUES (1,", "mysql").statements
    assert statement.error is not None


def test_typo_inside_a_statement_sqlglot_keeps_opaque_is_a_syntax_error() -> None:
    pytest.importorskip("pglast")
    parsed = parse_sql("SELECT 1;\nALTER TABLE t ADD COLUMN x int NOT NULLL;\n", "postgres")
    statement = parsed.statements[1]
    assert statement.error is not None and "NULLL" in statement.error
    assert (statement.error_line, statement.error_column) == (2, 36)
    valid = parse_sql("ALTER TABLE t VALIDATE CONSTRAINT c;", "postgres").statements[0]
    assert valid.error is None and valid.opaque


def test_pglast_split_matches_sqlglot_split_around_comments() -> None:
    text = "SELECT 1 /* one */; -- between\n  SELECT 'é' -- trailing\n;\n/* only a comment */\n"
    split = parse_sql(text, "postgres")
    sqlglot_split = parse_sql(text + "SELEC 2;", "postgres")  # rejected: the sqlglot path
    shown = [(s.text, s.line, s.column, s.end_line) for s in split.statements]
    assert shown == [("SELECT 1", 1, 1, 1), ("SELECT 'é'", 2, 3, 2)]
    assert shown == [(s.text, s.line, s.column, s.end_line) for s in sqlglot_split.statements[:2]]
