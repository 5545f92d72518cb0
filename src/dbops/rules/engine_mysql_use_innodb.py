from __future__ import annotations

from collections.abc import Iterator

from dbops.core.statements import AlterTable, CreateTable, SetSetting
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.keys import located
from dbops.rules.facts.table_options import altered_options


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
    bad_example = "CREATE TABLE audit_log (id bigint PRIMARY KEY, note text) ENGINE=MyISAM;"
    good_example = "CREATE TABLE audit_log (id bigint PRIMARY KEY, note text) ENGINE=InnoDB;"
    reads_model = True
    statement_kinds = (CreateTable, AlterTable, SetSetting)

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        if isinstance(statement, CreateTable):
            engine = statement.option("ENGINE")
            if engine is not None and not _is_innodb(engine):
                yield located(f"storage engine {engine} is not InnoDB", statement.span)
        for action in altered_options(statement, frozenset({"ENGINE"})):
            if not _is_innodb(action.value):
                yield located(f"storage engine {action.value} is not InnoDB", action.span)
        if isinstance(statement, SetSetting) and not statement.user_variable:
            for name, value in statement.assignments or ((statement.name, statement.value),):
                if _setting_name(name) == "default_storage_engine" and not _is_innodb(value):
                    yield located(f"default_storage_engine {value} is not InnoDB", statement.span)


def _is_innodb(engine: str) -> bool:
    return engine.strip("`'\"").lower() == "innodb"


def _setting_name(name: str) -> str:
    """`default_storage_engine` from `@@session.default_storage_engine` or `global.…`."""
    return name.lower().lstrip("@").rsplit(".", 1)[-1]
