"""The PostgreSQL lock model against the real server: each DDL form of tests/locks/pg_forms.py
runs inside a transaction; the locks it holds (pg_locks) and the relations whose storage changed
(relfilenode) are compared with what the model predicts, table by table."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from dbops.adapters.shadow.pg_trace import trace_statement
from dbops.core.locks import LockMode, lock_impact, target_version
from dbops.core.schema import SchemaModel
from dbops.core.shadow import LockTrace, ShadowStatement
from dbops.core.shadow_review import lock_disagreement
from dbops.core.sql import parse_sql
from dbops.parsing import typed_statements
from tests.locks.pg_forms import FORMS, FOUND_BY_THE_SHADOW, KNOWN_GAPS, SETUP

pytestmark = pytest.mark.postgres

# The trace of each form, as the shadow run's lock-model-mismatch check reads it.
traces: dict[str, LockTrace] = {}


@dataclass(frozen=True)
class Observed:
    locks: dict[str, LockMode]  # strongest lock per user table
    rewritten: frozenset[str]


@pytest.fixture(scope="module")
def traced(postgres_url: str) -> Iterator[dict[str, Observed]]:
    """Every form run once on a fresh database holding SETUP."""
    import uuid

    import psycopg

    name = f"dbops_lk_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}".encode())
    url = postgres_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(SETUP.encode())
            yield {form: _trace(connection, form) for form in FORMS}
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())


def _trace(connection: object, form: str) -> Observed:
    """The form traced as a shadow run traces a statement (adapters/shadow/pg_trace.py)."""
    import psycopg

    assert isinstance(connection, psycopg.Connection)

    def fetch(sql: str) -> list[tuple[object, ...]]:
        return connection.execute(sql.encode()).fetchall()

    def execute() -> None:
        try:
            connection.execute(form.encode())
        except psycopg.Error as exc:
            raise AssertionError(f"the form does not run on the setup: {form}: {exc}") from exc

    with connection.transaction(force_rollback=True):
        trace = trace_statement(fetch, execute)
    traces[form] = trace
    public = {lock.relation: lock.mode for lock in trace.held_after}
    return Observed(public, frozenset(trace.rewrites))


def _schema() -> SchemaModel:
    schema = SchemaModel(dialect="postgres")
    parsed = parse_sql(SETUP, "postgres")
    for node in typed_statements(parsed, "postgres"):
        schema.apply(node, "setup.sql")
    return schema


def _predicted(form: str, schema: SchemaModel) -> Observed:
    (node,) = typed_statements(parse_sql(form, "postgres"), "postgres")
    impact = lock_impact(node, schema, target_version("postgres", "15"))
    tables = set(schema.tables) | {k for k, view in schema.views.items() if view.materialized}
    locks: dict[str, LockMode] = {}
    for lock in impact.locks:
        if lock.relation in tables:
            locks[lock.relation] = max(lock.mode, locks.get(lock.relation, lock.mode))
    return Observed(locks, frozenset(r for r in impact.rewrites if r in tables))


def _agrees(real: Observed, model: Observed) -> bool:
    return real.locks == model.locks and real.rewritten == model.rewritten


def test_the_model_agrees_with_postgres_on_the_table_of_forms(
    traced: dict[str, Observed],
) -> None:
    schema = _schema()
    disagreements: dict[str, str] = {}
    for form in FORMS:
        real, model = traced[form], _predicted(form, schema)
        if not _agrees(real, model):
            disagreements[form] = f"real {_show(real)} / model {_show(model)}"
    unexpected = {f: d for f, d in disagreements.items() if f not in KNOWN_GAPS}
    assert not unexpected, "\n".join(f"{f}: {d}" for f, d in unexpected.items())
    agreement = 1 - len(disagreements) / len(FORMS)
    assert agreement >= 0.98, f"{agreement:.1%} of {len(FORMS)} forms agree"


def test_every_known_gap_is_still_a_gap(traced: dict[str, Observed]) -> None:
    """A gap the model has closed must leave the list, so the list stays true."""
    schema = _schema()
    closed = [f for f in KNOWN_GAPS if _agrees(traced[f], _predicted(f, schema))]
    assert not closed, f"no longer gaps: {closed}"


def _show(observed: Observed) -> str:
    locks = ", ".join(f"{r}={m.label}" for r, m in sorted(observed.locks.items()))
    return f"{{{locks}}} rewrites {sorted(observed.rewritten)}"


def test_the_shadow_run_finds_no_disagreement_on_the_table_of_forms(
    traced: dict[str, Observed],
) -> None:
    """What `check --shadow` reports as lock-model-mismatch, on every form: nothing but the
    known gaps."""
    schema = _schema()
    found = {}
    for form in FORMS:
        (node,) = typed_statements(parse_sql(form, "postgres"), "postgres")
        impact = lock_impact(node, schema, target_version("postgres", "15"))
        statement = ShadowStatement("forms.sql", 1, 0.0, locks=traces[form])
        message = lock_disagreement(impact, statement)
        if message is not None:
            found[form] = message
    assert set(found) <= set(KNOWN_GAPS), "\n".join(f"{f}: {m}" for f, m in found.items())


def test_the_disagreements_the_shadow_found_are_still_there(postgres_url: str) -> None:
    """Each form of FOUND_BY_THE_SHADOW traced on SETUP: the shadow reports a disagreement
    naming both sides (when the model is fixed, the form moves to FORMS)."""
    import uuid

    import psycopg

    name = f"dbops_lk_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}".encode())
    try:
        with psycopg.connect(postgres_url.rsplit("/", 1)[0] + f"/{name}", autocommit=True) as c:
            c.execute(SETUP.encode())
            found = {}
            for form in FOUND_BY_THE_SHADOW:
                _trace(c, form)
                (node,) = typed_statements(parse_sql(form, "postgres"), "postgres")
                impact = lock_impact(node, _schema(), target_version("postgres", "15"))
                statement = ShadowStatement("forms.sql", 1, 0.0, locks=traces[form])
                found[form] = lock_disagreement(impact, statement)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())
    closed = [form for form, message in found.items() if message is None]
    assert not closed, f"the model now agrees, move these to FORMS: {closed}"
    for message in found.values():
        assert (
            message is not None
            and "the server took" in message
            and "the lock model predicts" in message
        )
