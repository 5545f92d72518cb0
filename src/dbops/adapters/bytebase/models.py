"""Typed Bytebase v1 resources dbops sends and reads (a subset of each message's fields).

Field names follow the proto (snake_case here, camelCase on the wire, see `wire.py`). Enum
fields are strings holding the enum value's name; the names dbops decides on are constants
below. Requests only set what the proto lets a client set (no read-only fields).
"""

from __future__ import annotations

from pydantic import Field

from dbops.adapters.bytebase.wire import Base64, Int64, WireModel

# Task.Status
TASK_NOT_STARTED = "NOT_STARTED"
TASK_PENDING = "PENDING"
TASK_RUNNING = "RUNNING"
TASK_DONE = "DONE"
TASK_FAILED = "FAILED"
TASK_CANCELED = "CANCELED"
TASK_SKIPPED = "SKIPPED"
# TaskRun.Status values that can still be cancelled
TASK_RUN_ACTIVE = frozenset({"PENDING", "RUNNING", "AVAILABLE"})


class ActuatorInfo(WireModel):
    version: str = ""
    git_commit: str = ""
    external_url: str = ""
    saas: bool = False


class LoginResponse(WireModel):
    token: str = ""
    require_reset_password: bool = False
    mfa_temp_token: str | None = None


class VcsSource(WireModel):
    vcs_type: str = "VCS_TYPE_UNSPECIFIED"
    url: str = ""


class ReleaseFile(WireModel):
    path: str = ""
    version: str = ""
    statement: Base64 = b""  # write-only: the server keeps it as a sheet
    sheet: str = ""
    sheet_sha256: str = ""  # read-only


class Release(WireModel):
    name: str = ""  # read-only
    type: str = "TYPE_UNSPECIFIED"
    files: list[ReleaseFile] = Field(default_factory=list)
    vcs_source: VcsSource | None = None


class VcsUser(WireModel):
    vcs_type: str = "VCS_TYPE_UNSPECIFIED"
    user_id: str = ""
    user_name: str = ""
    display_name: str = ""


class CheckReleaseRequest(WireModel):
    release: Release
    targets: list[str] = Field(default_factory=list)
    vcs_user: VcsUser | None = None


class Position(WireModel):
    line: int = 0
    column: int = 0


class Advice(WireModel):
    status: str = "ADVICE_LEVEL_UNSPECIFIED"
    code: int = 0
    title: str = ""
    content: str = ""
    start_position: Position | None = None
    rule_type: str = ""


class CheckResult(WireModel):
    file: str = ""
    target: str = ""
    advices: list[Advice] = Field(default_factory=list)
    affected_rows: Int64 = 0
    risk_level: str = "RISK_LEVEL_UNSPECIFIED"


class CheckReleaseResponse(WireModel):
    results: list[CheckResult] = Field(default_factory=list)
    affected_rows: Int64 = 0
    risk_level: str = "RISK_LEVEL_UNSPECIFIED"


class ChangeDatabaseConfig(WireModel):
    targets: list[str] = Field(default_factory=list)
    release: str = ""


class PlanSpec(WireModel):
    id: str = ""
    change_database_config: ChangeDatabaseConfig | None = None


class Plan(WireModel):
    name: str = ""
    title: str = ""
    description: str = ""
    specs: list[PlanSpec] = Field(default_factory=list)
    approval_status: str = ""  # read-only: PENDING/APPROVED/REJECTED/... when a policy applies
    has_rollout: bool = False  # read-only


class DatabaseUpdate(WireModel):
    release: str = ""
    sheet: str = ""


class Task(WireModel):
    name: str = ""
    spec_id: str = ""
    status: str = "STATUS_UNSPECIFIED"
    skipped_reason: str = ""
    type: str = ""
    target: str = ""
    database_update: DatabaseUpdate | None = None


class Stage(WireModel):
    name: str = ""
    id: str = ""
    environment: str = ""
    tasks: list[Task] = Field(default_factory=list)


class Rollout(WireModel):
    name: str = ""
    title: str = ""
    stages: list[Stage] = Field(default_factory=list)


class TaskRun(WireModel):
    name: str = ""
    status: str = "STATUS_UNSPECIFIED"
    detail: str = ""
    create_time: str = ""
    start_time: str = ""
    update_time: str = ""

    @property
    def task_name(self) -> str:
        """`…/tasks/202/taskRuns/301` -> `…/tasks/202`."""
        return self.name.rsplit("/taskRuns/", 1)[0]


class ListTaskRunsResponse(WireModel):
    task_runs: list[TaskRun] = Field(default_factory=list)
