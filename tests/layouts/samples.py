"""A realistic small history in each runner's own layout: users, orders, a later column, and
their rollbacks, written in SQL that PostgreSQL, MariaDB and SQLite all run."""

from __future__ import annotations

from pathlib import Path

USERS = "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email varchar(320) NOT NULL\n);\n"
ORDERS = (
    "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  user_id bigint NOT NULL,\n"
    "  total_cents bigint NOT NULL\n);\n"
)
INDEX = "CREATE INDEX orders_user_id ON orders (user_id);\n"
NAME = "ALTER TABLE users ADD COLUMN display_name varchar(100) NOT NULL DEFAULT '';\n"
DROP_USERS = "DROP TABLE users;\n"
DROP_ORDERS = "DROP TABLE orders;\n"
DROP_NAME = "ALTER TABLE users DROP COLUMN display_name;\n"
VIEW = "DROP VIEW IF EXISTS user_emails;\nCREATE VIEW user_emails AS SELECT id, email FROM users;\n"

# The finding each layout's extra migration carries: a nullable column, line 3 of its text.
NULLABLE = "CREATE TABLE notes (\n  id bigint PRIMARY KEY,\n  body varchar(255)\n);\n"

LAYOUT_NAMES = ("dbops", "flyway", "golang-migrate", "dbmate", "diesel", "sqitch", "liquibase-sql")


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def sample(layout: str) -> dict[str, str]:
    """Files below the migrations folder: three migrations and their rollbacks."""
    if layout == "dbops":
        return {
            "001_create_users.sql": USERS,
            "001_create_users.down.sql": DROP_USERS,
            "002_create_orders.sql": ORDERS + INDEX,
            "002_create_orders.down.sql": DROP_ORDERS,
            "003_add_display_name.sql": NAME,
            "003_add_display_name.down.sql": DROP_NAME,
        }
    if layout == "flyway":
        return {
            "V1__create_users.sql": USERS,
            "U1__create_users.sql": DROP_USERS,
            "V1_1__create_orders.sql": ORDERS + INDEX,
            "U1_1__create_orders.sql": DROP_ORDERS,
            "V2__add_display_name.sql": NAME,
            "U2__add_display_name.sql": DROP_NAME,
            "R__user_emails_view.sql": VIEW,
        }
    if layout == "golang-migrate":
        return {
            "000001_create_users.up.sql": USERS,
            "000001_create_users.down.sql": DROP_USERS,
            "000002_create_orders.up.sql": ORDERS + INDEX,
            "000002_create_orders.down.sql": DROP_ORDERS,
            "000003_add_display_name.up.sql": NAME,
            "000003_add_display_name.down.sql": DROP_NAME,
        }
    if layout == "dbmate":
        return {
            "20240101120000_create_users.sql": (
                f"-- migrate:up\n{USERS}\n-- migrate:down\n{DROP_USERS}"
            ),
            "20240102120000_create_orders.sql": (
                f"-- migrate:up\n{ORDERS}\n-- migrate:down\n{DROP_ORDERS}"
            ),
            # run outside a transaction, as dbmate's option asks
            "20240102130000_create_audit_log.sql": (
                "-- migrate:up transaction:false\n"
                "CREATE TABLE audit_log (id bigint PRIMARY KEY);\n\n"
                "-- migrate:down transaction:false\nDROP TABLE audit_log;\n"
            ),
            "20240103120000_add_display_name.sql": (
                f"-- migrate:up\n{NAME}\n-- migrate:down\n{DROP_NAME}"
            ),
        }
    if layout == "diesel":
        return {
            "2024-01-01-120000_create_users/up.sql": USERS,
            "2024-01-01-120000_create_users/down.sql": DROP_USERS,
            "2024-01-02-120000_create_orders/up.sql": ORDERS + INDEX,
            "2024-01-02-120000_create_orders/down.sql": DROP_ORDERS,
            "2024-01-03-120000_add_display_name/up.sql": NAME,
            "2024-01-03-120000_add_display_name/down.sql": DROP_NAME,
        }
    if layout == "sqitch":
        stamp = "2024-01-01T12:00:00Z Marge N. O'Vera <marge@example.com>"
        return {
            "sqitch.plan": (
                "%syntax-version=1.0.0\n%project=shop\n%uri=https://example.com/shop/\n\n"
                f"users {stamp} # Users who order.\n"
                f"orders [users] {stamp} # Their orders.\n"
                f"@v1.0 {stamp} # Tag v1.0.\n\n"
                f"display_name [users] {stamp} # Names to show.\n"
            ),
            "deploy/users.sql": f"-- Deploy shop:users\n\nBEGIN;\n\n{USERS}\nCOMMIT;\n",
            "revert/users.sql": f"-- Revert shop:users\n\nBEGIN;\n\n{DROP_USERS}\nCOMMIT;\n",
            "verify/users.sql": "SELECT id, email FROM users WHERE 1 = 0;\n",
            "deploy/orders.sql": f"-- Deploy shop:orders\n{ORDERS}{INDEX}",
            "revert/orders.sql": f"-- Revert shop:orders\n{DROP_ORDERS}",
            "verify/orders.sql": "SELECT id FROM orders WHERE 1 = 0;\n",
            "deploy/display_name.sql": f"-- Deploy shop:display_name\n{NAME}",
            "revert/display_name.sql": f"-- Revert shop:display_name\n{DROP_NAME}",
        }
    if layout == "liquibase-sql":
        return {
            "001-shop.sql": (
                "--liquibase formatted sql\n\n"
                f"--changeset alice:1\n{USERS}--rollback DROP TABLE users;\n\n"
                f"--changeset alice:2\n{ORDERS}{INDEX}--rollback DROP TABLE orders;\n"
            ),
            "002-names.sql": (
                "--liquibase formatted sql\n\n"
                f"--changeset bob:add-display-name\n{NAME}"
                "--rollback ALTER TABLE users\n--rollback   DROP COLUMN display_name;\n"
            ),
        }
    raise ValueError(layout)


def with_finding(layout: str) -> tuple[dict[str, str], str, int]:
    """One more migration with a nullable column: (files, the file, the line of `body`)."""
    if layout == "dbops":
        return {"004_notes.sql": NULLABLE}, "004_notes.sql", 3
    if layout == "flyway":
        return {"V3__notes.sql": NULLABLE}, "V3__notes.sql", 3
    if layout == "golang-migrate":
        return {"000004_notes.up.sql": NULLABLE}, "000004_notes.up.sql", 3
    if layout == "dbmate":
        text = f"-- migrate:up\n{NULLABLE}\n-- migrate:down\nDROP TABLE notes;\n"
        return {"20240104120000_notes.sql": text}, "20240104120000_notes.sql", 4
    if layout == "diesel":
        return {"2024-01-04-120000_notes/up.sql": NULLABLE}, "2024-01-04-120000_notes/up.sql", 3
    if layout == "sqitch":
        stamp = "2024-01-04T12:00:00Z Marge <marge@example.com>"
        plan = sample("sqitch")["sqitch.plan"] + f"notes {stamp} # Notes.\n"
        return {"sqitch.plan": plan, "deploy/notes.sql": NULLABLE}, "deploy/notes.sql", 3
    text = "--liquibase formatted sql\n\n--changeset carol:notes\n" + NULLABLE
    return {"003-notes.sql": text}, "003-notes.sql", 6
