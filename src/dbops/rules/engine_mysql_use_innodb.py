from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from dbops.core.sql import ParsedStatement
from dbops.rules.base import Rule, RuleContext, Violation
from dbops.rules.mysql_shapes import table_options


class EngineMysqlUseInnodb(Rule):
    """
    ## What it does
    Reports MySQL tables created or altered with a storage engine other than InnoDB
    (`ENGINE=MyISAM`, `ENGINE=MEMORY`, …).

    ## Why is this bad?
    Only InnoDB has transactions, crash recovery, row-level locks and foreign keys. A MyISAM
    table silently ignores `ROLLBACK`, locks the whole table on every write and can be left
    corrupt by a crash; a MEMORY table loses its rows on restart.

    ## Example
    ```sql
    CREATE TABLE audit_log (id bigint PRIMARY KEY, note text) ENGINE=MyISAM;
    ```

    ## Use instead
    ```sql
    CREATE TABLE audit_log (id bigint PRIMARY KEY, note text) ENGINE=InnoDB;
    ```
    """

    name = "engine-mysql-use-innodb"
    bytebase_type = "engine.mysql.use-innodb"
    dialects = frozenset({"mysql"})
    category = "table"
    needs_tree = False
    bad_example = "CREATE TABLE audit_log (id bigint PRIMARY KEY, note text) ENGINE=MyISAM;"
    good_example = "CREATE TABLE audit_log (id bigint PRIMARY KEY, note text) ENGINE=InnoDB;"

    def check(self, context: RuleContext) -> Iterator[Violation]:
        statement = context.statement
        engines = [
            option.name
            for option in table_options(statement.tree)
            if isinstance(option, exp.EngineProperty)
        ]
        if statement.opaque:
            engines.extend(_engine_words(statement))
        for engine in engines:
            if engine.strip("`'\"").lower() != "innodb":
                yield Violation(f"storage engine {engine} is not InnoDB")
        words = statement.keywords
        if words[:1] == ("SET",) and "DEFAULT_STORAGE_ENGINE" in words:
            value = _value_after(statement, "DEFAULT_STORAGE_ENGINE")
            if value and value.strip("`'\"").lower() != "innodb":
                yield Violation(f"default_storage_engine {value} is not InnoDB")


def _engine_words(statement: ParsedStatement) -> list[str]:
    """`ENGINE [=] name` in a statement sqlglot keeps opaque (e.g. with PARTITION BY)."""
    if statement.keywords[:1] not in (("CREATE",), ("ALTER",)):
        return []
    value = _value_after(statement, "ENGINE")
    return [value] if value else []


def _value_after(statement: ParsedStatement, word: str) -> str:
    words = statement.keywords
    if word not in words:
        return ""
    at = words.index(word) + 1
    at += 1 if words[at : at + 1] == ("=",) else 0
    return statement.tokens[at].text if at < len(words) else ""
