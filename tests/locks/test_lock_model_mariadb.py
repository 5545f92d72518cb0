"""The MySQL/MariaDB online-DDL model against the real MariaDB: for each ALTER form, the fastest
ALGORITHM= the server accepts (INSTANT, then NOCOPY, INPLACE, COPY) and whether the table was
rebuilt (InnoDB gives a rebuilt table a new table id) are compared with the model's verdict."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from dbops.core.locks import lock_impact, target_version
from dbops.core.schema import SchemaModel
from dbops.core.sql import parse_sql
from dbops.parsing import typed_statements

pytestmark = pytest.mark.mysql

SETUP = (
    "CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(100)) ENGINE=InnoDB",
    "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status varchar(20) NOT "
    "NULL DEFAULT 'new', total int, note varchar(50), body text, KEY orders_status_idx "
    "(status)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
    "CREATE TABLE logs (id bigint, message varchar(100)) ENGINE=InnoDB",
    "INSERT INTO customers VALUES (1, 'a'), (2, 'b')",
    "INSERT INTO orders VALUES (1, 1, 'new', 10, 'n', 'b'), (2, 2, 'paid', 20, 'm', 'c')",
    "INSERT INTO logs VALUES (1, 'x')",
)
FORMS = (
    "ALTER TABLE orders ADD COLUMN a int",
    "ALTER TABLE orders ADD COLUMN a int DEFAULT 0",
    "ALTER TABLE orders ADD COLUMN a int FIRST",
    "ALTER TABLE orders ADD COLUMN a int AFTER id",
    "ALTER TABLE orders ADD COLUMN a int AS (total * 2) STORED",
    "ALTER TABLE orders ADD COLUMN a int AS (total * 2) VIRTUAL",
    "ALTER TABLE orders DROP COLUMN note",
    "ALTER TABLE orders RENAME COLUMN note TO remark",
    "ALTER TABLE orders CHANGE note remark varchar(50)",
    "ALTER TABLE orders MODIFY note varchar(60)",
    "ALTER TABLE orders MODIFY note varchar(200)",
    "ALTER TABLE orders MODIFY total bigint",
    "ALTER TABLE orders MODIFY note varchar(50) NOT NULL",
    "ALTER TABLE orders MODIFY status varchar(20) NULL",
    "ALTER TABLE orders MODIFY note varchar(50) COMMENT 'remark'",
    "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'open'",
    "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT",
    "ALTER TABLE orders ADD INDEX orders_total_idx (total)",
    "ALTER TABLE orders ADD UNIQUE INDEX orders_note_key (note)",
    "ALTER TABLE orders DROP INDEX orders_status_idx",
    "ALTER TABLE orders RENAME INDEX orders_status_idx TO orders_state_idx",
    "ALTER TABLE logs ADD PRIMARY KEY (id)",
    "ALTER TABLE orders DROP PRIMARY KEY",
    "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) "
    "REFERENCES customers (id)",
    "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0)",
    "ALTER TABLE orders ENGINE=InnoDB",
    "ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb3",
    "ALTER TABLE orders DEFAULT CHARSET=latin1",
    "ALTER TABLE orders COMMENT='orders'",
    "ALTER TABLE orders AUTO_INCREMENT=1000",
    "ALTER TABLE orders ROW_FORMAT=DYNAMIC",
    "ALTER TABLE orders FORCE",
    "ALTER TABLE orders RENAME TO purchases",
    "CREATE INDEX orders_total_idx ON orders (total)",
)
_ALGORITHMS = ("INSTANT", "NOCOPY", "INPLACE", "COPY")
# Forms where the model knowingly differs from MariaDB 10.11, and why.
KNOWN_GAPS: dict[str, str] = {}


@dataclass(frozen=True)
class Verdict:
    algorithm: str
    rebuilt: bool


def _connect(url: str) -> object:
    import pymysql

    parts = urlsplit(url)
    return pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username,
        password=parts.password or "",
        database=parts.path.lstrip("/"),
        autocommit=True,
    )


def _table_id(cursor: object, database: str, table: str) -> int | None:
    cursor.execute(  # type: ignore[attr-defined]
        "SELECT TABLE_ID FROM information_schema.INNODB_SYS_TABLES WHERE NAME = %s",
        (f"{database}/{table}",),
    )
    row = cursor.fetchone()  # type: ignore[attr-defined]
    return None if row is None else int(row[0])


def _with_algorithm(form: str, algorithm: str) -> str:
    if form.startswith("CREATE INDEX"):
        return f"{form} ALGORITHM={algorithm}"
    return f"{form}, ALGORITHM={algorithm}"


def _observe(connection: object, database: str, form: str) -> Verdict:
    import pymysql

    cursor = connection.cursor()  # type: ignore[attr-defined]
    table = "logs" if " logs " in form else "orders"
    for algorithm in _ALGORITHMS:
        for statement in ("DROP TABLE IF EXISTS orders, purchases, logs, customers", *SETUP):
            cursor.execute(statement)
        before = _table_id(cursor, database, table)
        try:
            cursor.execute(_with_algorithm(form, algorithm))
        except pymysql.err.MySQLError as exc:
            if exc.args and exc.args[0] in (1845, 1846):  # ALGORITHM=… is not supported
                continue
            raise AssertionError(f"the form does not run on the setup: {form}: {exc}") from exc
        after = _table_id(cursor, database, "purchases" if "RENAME TO" in form else table)
        return Verdict(algorithm, before != after)
    raise AssertionError(f"no algorithm accepted {form}")


@pytest.fixture(scope="module")
def observed(mysql_url: str) -> Iterator[dict[str, Verdict]]:
    import uuid

    import pymysql

    name = f"dbops_lk_{uuid.uuid4().hex[:10]}"
    admin = _connect(mysql_url)
    admin.cursor().execute(f"CREATE DATABASE {name}")  # type: ignore[attr-defined]
    try:
        connection = _connect(mysql_url.rsplit("/", 1)[0] + f"/{name}")
        yield {form: _observe(connection, name, form) for form in FORMS}
        connection.close()  # type: ignore[attr-defined]
    except pymysql.err.MySQLError:
        raise
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name}")  # type: ignore[attr-defined]
        admin.close()  # type: ignore[attr-defined]


def _predicted(form: str) -> Verdict:
    schema = SchemaModel(dialect="mysql")
    for node in typed_statements(parse_sql(";\n".join(SETUP), "mysql"), "mysql"):
        schema.apply(node, "setup.sql")
    (node,) = typed_statements(parse_sql(form, "mysql"), "mysql")
    impact = lock_impact(node, schema, target_version("mariadb", "10.11"))
    return Verdict(impact.algorithm or "?", bool(impact.rewrites))


def test_the_model_agrees_with_mariadb_on_the_table_of_forms(
    observed: dict[str, Verdict],
) -> None:
    disagreements = {
        form: f"real {observed[form]} / model {_predicted(form)}"
        for form in FORMS
        if observed[form] != _predicted(form)
    }
    unexpected = {f: d for f, d in disagreements.items() if f not in KNOWN_GAPS}
    assert not unexpected, "\n".join(f"{f}: {d}" for f, d in unexpected.items())
    agreement = 1 - len(disagreements) / len(FORMS)
    assert agreement >= 0.98, f"{agreement:.1%} of {len(FORMS)} forms agree"


def test_every_known_gap_is_still_a_gap(observed: dict[str, Verdict]) -> None:
    closed = [f for f in KNOWN_GAPS if observed[f] == _predicted(f)]
    assert not closed, f"no longer gaps: {closed}"


def test_the_shadow_run_finds_no_disagreement_on_the_table_of_forms(mysql_url: str) -> None:
    """What `check --shadow` reports as lock-model-mismatch on MariaDB, form by form (each on
    a fresh SETUP in one shadow schema): nothing but the known gaps."""
    from dbops.adapters.shadow import open_shadow
    from dbops.core.shadow import ShadowStatement
    from dbops.core.shadow_review import lock_disagreement

    found: dict[str, str] = {}
    shadow = open_shadow(mysql_url, "--shadow", "mariadb")
    try:
        for form in FORMS:
            for statement in ("DROP TABLE IF EXISTS orders, purchases, logs, customers", *SETUP):
                shadow.database.execute(statement)
            schema = SchemaModel(dialect="mysql")
            for node in typed_statements(parse_sql(";\n".join(SETUP), "mysql"), "mysql"):
                schema.apply(node, "setup.sql")
            (node,) = typed_statements(parse_sql(form, "mysql"), "mysql")
            impact = lock_impact(node, schema, target_version("mariadb", "10.11"))
            ran = shadow.run(form, impact, in_transaction=False)
            assert ran.algorithm is not None, form  # every form is online DDL
            message = lock_disagreement(
                impact, ShadowStatement("forms.sql", 1, ran.ms, algorithm=ran.algorithm)
            )
            if message is not None:
                found[form] = message
    finally:
        shadow.drop()
    assert set(found) <= set(KNOWN_GAPS), "\n".join(f"{f}: {m}" for f, m in found.items())
