"""MySQL/MariaDB shadows: a new schema (a database, in MySQL's words). The run holds a named
lock (GET_LOCK, server-wide, released when its session ends) named after its shadow, so another
run can tell an abandoned shadow from a live one and drops it.

The lock model's online-DDL verdict is checked on the way: an ALTER TABLE or CREATE INDEX is run
with the model's `ALGORITHM=` appended first; a server that refuses it (errors 1845/1846) says
why, and the statement then runs as written."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote, urlsplit, urlunsplit

from dbops.adapters.databases.base import SqlDatabase, StatementFailed
from dbops.adapters.databases.mysql import MysqlDatabase
from dbops.adapters.databases.urls import mask_url
from dbops.adapters.shadow.names import SHADOW_PREFIX, is_old, is_shadow_name, shadow_name
from dbops.adapters.shadow.runner import Ran, ShadowEngine
from dbops.core.locks.modes import LockImpact
from dbops.core.shadow import AlgorithmProbe

_LIKE = SHADOW_PREFIX.replace("_", "\\_") + "%"
_ALGORITHMS = ("INSTANT", "NOCOPY", "INPLACE", "COPY")  # fastest first
_ALGORITHM_REFUSED = ("(1845)", "(1846)")  # ALGORITHM=… / LOCK=… is not supported
_ONLINE_DDL = re.compile(
    r"^\s*(?:ALTER\s+(?:ONLINE\s+|IGNORE\s+)*TABLE|CREATE\s+(?:UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?"
    r"INDEX)\b",
    re.IGNORECASE,
)
_HAS_ALGORITHM = re.compile(r"\bALGORITHM\s*=", re.IGNORECASE)


def _quoted(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"


class MysqlShadow(ShadowEngine):
    engine = "mysql"

    def __init__(self, url: str, now: Callable[[], datetime], judged_for: str) -> None:
        """`judged_for`: the engine the review judged locks for (mysql or mariadb)."""
        self.admin = MysqlDatabase(url, mask_url(url))
        self.name: str | None = None
        self.schema = ""
        try:
            self.notes = tuple(drop_abandoned(self.admin, now()))
            name = shadow_name(now())
            self.admin.fetch("SELECT GET_LOCK(%s, 0)", (name,))
            self.admin.execute(f"CREATE DATABASE {_quoted(name)}")
            # Only now is there a shadow to drop (MySQL refuses even DROP DATABASE IF EXISTS
            # to a user who may not create it); the lock goes with the session.
            self.name = self.schema = name
            shadow_url = urlunsplit(urlsplit(url)._replace(path=f"/{quote(name)}"))
            self.display_url = mask_url(shadow_url)
            self.database: SqlDatabase = MysqlDatabase(shadow_url, self.display_url)
            self.server_version = str(self.database.fetch("SELECT VERSION()")[0][0])
            self.nocopy = judged_for == "mariadb" and "mariadb" in self.server_version.lower()
        except BaseException:
            self._drop_shadow()
            self.admin.close()
            raise

    def run(self, statement: str, predicted: LockImpact | None, in_transaction: bool) -> Ran:
        algorithm = predicted.algorithm if predicted is not None else None
        if (
            algorithm not in _ALGORITHMS
            or not _ONLINE_DDL.match(statement)
            or _HAS_ALGORITHM.search(statement)
        ):
            return super().run(statement, predicted, in_transaction)
        refusal = None
        for candidate in self._candidates(algorithm):
            started = time.perf_counter()
            try:
                self.database.execute(with_algorithm(statement, candidate))
            except StatementFailed as failure:
                if not failure.error.startswith(_ALGORITHM_REFUSED):
                    break  # not the algorithm: the statement as written tells what is wrong
                refusal = failure.error
                continue
            return Ran(_ms_since(started), algorithm=AlgorithmProbe(algorithm, True, candidate))
        ran = super().run(statement, predicted, in_transaction)
        if refusal is None:  # the appended clause was at fault, not an algorithm
            return ran
        probe = AlgorithmProbe(algorithm, accepted=False, server_message=refusal)
        return Ran(ran.ms, algorithm=probe)

    def _candidates(self, algorithm: str) -> tuple[str, ...]:
        """The algorithms to try, fastest first, down to the model's. NOCOPY is MariaDB's,
        and only asked of it when the review judged for MariaDB (a review for MySQL predicts
        INPLACE where MariaDB would say NOCOPY)."""
        faster = _ALGORITHMS[: _ALGORITHMS.index(algorithm) + 1]
        return tuple(a for a in faster if a != "NOCOPY" or algorithm == "NOCOPY" or self.nocopy)

    def located(self, error: str, line: int) -> tuple[int, str]:
        """Without the shadow's name in the message: `'refunds' doesn't exist`."""
        return line, re.sub(rf"`?{re.escape(self.schema)}`?\.", "", error)

    def drop(self) -> None:
        try:
            database = getattr(self, "database", None)
            if database is not None:
                database.close()
            self._drop_shadow()
        finally:
            self.admin.close()

    def _drop_shadow(self) -> None:
        if self.name is None:
            return
        self.admin.execute(f"DROP DATABASE IF EXISTS {_quoted(self.name)}")
        self.admin.fetch("SELECT RELEASE_LOCK(%s)", (self.name,))
        self.name = None


def with_algorithm(statement: str, algorithm: str) -> str:
    """The statement with `ALGORITHM=<algorithm>` appended where MySQL takes it."""
    text = statement.rstrip().rstrip(";").rstrip()
    separator = " " if re.match(r"^\s*CREATE", text, re.IGNORECASE) else ", "
    return f"{text}{separator}ALGORITHM={algorithm}"


def drop_abandoned(admin: SqlDatabase, now: datetime) -> list[str]:
    """Drop the shadow schemas other runs left behind: those whose run is gone (nobody holds
    their named lock) and those older than an hour. A note for each one dropped."""
    notes = []
    rows = admin.fetch(
        "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE %s", (_LIKE,)
    )
    for (name,) in rows:
        if not is_shadow_name(str(name)):
            continue
        owner = admin.fetch("SELECT IS_USED_LOCK(%s)", (str(name),))[0][0]
        if owner is not None and not is_old(str(name), now):
            continue  # another run is using it
        admin.execute(f"DROP DATABASE IF EXISTS {_quoted(str(name))}")
        notes.append(f"dropped the shadow schema {name} an earlier run left behind")
    return notes


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
