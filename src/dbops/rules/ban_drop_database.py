from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.core.statements import Drop, ObjectName, Unmodelled
from dbops.rules.base import Rule, StatementContext, Violation


class BanDropDatabase(Rule):
    """
    ## What it does
    Reports `DROP DATABASE` (and MySQL's `DROP SCHEMA`, its synonym) in a migration.

    ## Why is this bad?
    Migrations run against every environment; a `DROP DATABASE` that slipped in destroys every
    table of the target at once. Bytebase only allows dropping a database that holds no tables;
    a migration cannot prove that offline, so dbops flags every such statement.

    ## Example
    ```sql
    DROP DATABASE shop;
    ```

    ## Use instead
    ```sql
    -- drop databases by hand, after a backup, outside of migrations
    SELECT 1;
    ```
    """

    name = "ban-drop-database"
    bytebase_type = "database.drop-empty-database"
    default_level = Level.ERROR
    category = "lock-safety"
    reads_model = True
    statement_kinds = (Drop, Unmodelled)  # PostgreSQL's DROP DATABASE has no node (yet)
    bad_example = "DROP DATABASE shop;"
    good_example = "SELECT 1;"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        statement = context.statement
        mysql = context.dialect == "mysql"
        if isinstance(statement, Drop):
            if statement.object_kind == "DATABASE" or (mysql and statement.object_kind == "SCHEMA"):
                names = ", ".join(_database(name) for name in statement.names)
                yield Violation(f"migration drops database {names}; {_ADVICE}")
        elif isinstance(statement, Unmodelled) and (
            statement.first_words == "DROP DATABASE"
            or (mysql and statement.first_words == "DROP SCHEMA")
        ):
            yield Violation(f"migration drops a database; {_ADVICE}")


def _database(name: ObjectName) -> str:
    """The database a DROP names (the MySQL normalizer files `DROP SCHEMA s`'s name as the
    schema part of an otherwise empty name)."""
    if not name.name.value and name.schema is not None:
        return name.schema.written
    return name.written


_ADVICE = "drop databases by hand, not in a migration"
