"""A fake Bytebase server over real loopback HTTP, for tests.

It keeps state the way Bytebase does for the calls dbops makes (service-account logins and
their tokens, releases, plans, rollouts whose tasks advance each time the rollout is read,
task runs, stages held back by an approval policy, revisions applied per database) and checks
every request, and every answer it gives, against the OpenAPI contract. A request that breaks
the contract is answered 400 INVALID_ARGUMENT, as the real gateway rejects unknown fields, and
is kept in `violations` so that a test can fail on it.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.contract import Contract, Operation

CONTRACT_FILE = "bytebase/openapi_rest_subset_release_plan_rollout.json"
GRPC = {"INVALID_ARGUMENT": 3, "NOT_FOUND": 5, "PERMISSION_DENIED": 7}
GRPC |= {"FAILED_PRECONDITION": 9, "INTERNAL": 13, "UNAVAILABLE": 14, "UNAUTHENTICATED": 16}
ACTIVE_RUN = {"PENDING", "RUNNING", "AVAILABLE"}


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    headers: dict[str, str]
    status: int = 0


@dataclass
class Fault:
    """Answer the next request whose path matches `pattern` with `status` (or stall)."""

    pattern: str
    status: int = 503
    message: str = "the server is busy"
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0  # seconds to wait before answering (longer than the client timeout)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class FakeBytebase:
    def __init__(self, contracts: Path) -> None:
        self.contract = Contract(contracts / CONTRACT_FILE)
        self.version = "3.20.0"
        self.external_url = ""
        self.accounts = {"ci@service.bytebase.com": "bbs_secret_key_123"}
        self.access_tokens = {"static-access-token-xyz"}
        self.required_headers: dict[str, str] = {}
        self.database_environments: dict[str, str] = {}  # target -> environment id
        self.environment_order = ["test", "prod"]
        self.advices: dict[str, list[dict[str, Any]]] = {}  # file path -> advices
        self.risks: dict[str, str] = {}  # file path -> risk level
        self.applied: dict[str, dict[str, str]] = {}  # target -> {version: sha256}
        self.approval_required: set[str] = set()  # stage ids held by a rollout policy
        self.fail_targets: set[str] = set()  # tasks on these databases fail
        self.hold_running: set[str] = set()  # tasks on these databases never finish
        self.faults: list[Fault] = []
        self.expire_tokens_after: str | None = None  # an operation id: tokens expire after it
        self.requests: list[Recorded] = []
        self.violations: list[str] = []
        self.tokens: set[str] = set()
        self.releases: dict[str, dict[str, Any]] = {}
        self.plans: dict[str, dict[str, Any]] = {}
        self.rollouts: dict[str, dict[str, Any]] = {}
        self.task_runs: dict[str, list[dict[str, Any]]] = {}  # task name -> runs
        self._ids = itertools.count(101)
        self._clock = itertools.count(0)
        self._lock = threading.Lock()
        self.url = ""

    # --- test controls ----------------------------------------------------------------

    def expire_tokens(self) -> None:
        self.tokens.clear()

    def approve(self, stage_id: str) -> None:
        self.approval_required.discard(stage_id)

    def calls(self, operation_id: str) -> list[Recorded]:
        return [r for r in self.requests if self._operation_id(r) == operation_id]

    def operation_ids(self) -> list[str]:
        return [self._operation_id(r) for r in self.requests]

    def _operation_id(self, recorded: Recorded) -> str:
        operation = self.contract.operation(recorded.method, recorded.path)
        return operation.operation_id if operation else "?"

    # --- HTTP -------------------------------------------------------------------------

    def handle(
        self, method: str, raw_path: str, headers: dict[str, str], raw: bytes
    ) -> tuple[int, dict[str, str], Any]:
        parts = urlsplit(raw_path)
        query = parse_qs(parts.query)
        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                return 400, {}, _status("INVALID_ARGUMENT", "the body is not JSON")
        recorded = Recorded(method, parts.path, query, body, headers)
        with self._lock:
            self.requests.append(recorded)
            fault = self._take_fault(parts.path)
        if fault is not None:
            time.sleep(fault.stall)
            recorded.status = fault.status
            return fault.status, fault.headers, _status("UNAVAILABLE", fault.message)
        status, answer_headers, answer = self._answer(method, parts.path, query, headers, body)
        recorded.status = status
        return status, answer_headers, answer

    def _take_fault(self, path: str) -> Fault | None:
        for index, fault in enumerate(self.faults):
            if re.search(fault.pattern, path):
                return self.faults.pop(index)
        return None

    def _answer(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: Any,
    ) -> tuple[int, dict[str, str], Any]:
        operation = self.contract.operation(method, path)
        if operation is None:
            self.violations.append(f"{method} {path}: no such operation in the contract")
            return 404, {}, _status("NOT_FOUND", f"no route for {method} {path}")
        problems = self.contract.request_problems(operation, query, body)
        if problems:
            self.violations.extend(f"{operation.operation_id}: {p}" for p in problems)
            return 400, {}, _status("INVALID_ARGUMENT", "; ".join(problems))
        for name, value in self.required_headers.items():
            if headers.get(name.lower()) != value:
                return 403, {}, {"message": "access proxy: missing credentials"}
        try:
            with self._lock:
                if operation.operation_id != "AuthService_Login":
                    self._authenticate(headers)
                answer = self._dispatch(operation, query, body or {})
        except ApiError as error:
            return error.status, {}, _status(error.code, error.message)
        if operation.operation_id == self.expire_tokens_after:
            self.expire_tokens()
        response_problems = self.contract.response_problems(operation, 200, answer)
        if response_problems:
            self.violations.extend(f"fake {operation.operation_id}: {p}" for p in response_problems)
        return 200, {}, answer

    def _authenticate(self, headers: dict[str, str]) -> None:
        token = headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.tokens and token not in self.access_tokens:
            raise ApiError(401, "UNAUTHENTICATED", "the access token is not valid or has expired")

    def _dispatch(
        self, operation: Operation, query: dict[str, list[str]], body: dict[str, Any]
    ) -> dict[str, Any]:
        handler = getattr(self, "_op_" + operation.operation_id.split("_", 1)[1], None)
        if handler is None:
            raise ApiError(501, "UNIMPLEMENTED", f"the fake has no {operation.operation_id}")
        result: dict[str, Any] = handler(operation.path_params, query, body)
        return result

    # --- operations -------------------------------------------------------------------

    def _op_Login(self, params: dict[str, str], query: Any, body: dict[str, Any]) -> Any:
        if self.accounts.get(body.get("email", "")) != body.get("password"):
            raise ApiError(401, "UNAUTHENTICATED", "the email or password is not correct")
        token = f"token-{next(self._ids)}"
        self.tokens.add(token)
        return {"token": token, "user": {"name": f"users/{body['email']}", "email": body["email"]}}

    def _op_GetActuatorInfo(self, params: Any, query: Any, body: Any) -> Any:
        info = {"version": self.version, "gitCommit": "abc123"}
        return info | ({"externalUrl": self.external_url} if self.external_url else {})

    def _op_CheckRelease(self, params: dict[str, str], query: Any, body: dict[str, Any]) -> Any:
        release = body["release"]
        if release.get("type") not in ("VERSIONED", "DECLARATIVE"):
            raise ApiError(400, "INVALID_ARGUMENT", "unexpected release type")
        if not body.get("targets"):
            raise ApiError(400, "INVALID_ARGUMENT", "targets are required")
        results = []
        for target in body["targets"]:
            self._database(target)
            for file in release.get("files", []):
                results.append(self._check_file(target, file))
        levels = [r["riskLevel"] for r in results if "riskLevel" in r]
        answer: dict[str, Any] = {"results": results}
        if levels:
            answer["riskLevel"] = max(levels, key=["LOW", "MODERATE", "HIGH"].index)
        return answer

    def _check_file(self, target: str, file: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {"file": file["path"], "target": target}
        applied = self.applied.get(target, {})
        digest = hashlib.sha256(base64.b64decode(file["statement"])).hexdigest()
        if file["version"] in applied:
            if applied[file["version"]] != digest:
                result["advices"] = [
                    {
                        "status": "WARNING",
                        "code": 1,
                        "title": "Applied file has been modified",
                        "content": f"file version {file['version']} was applied with a different "
                        f"content",
                        "startPosition": {"line": 1},
                    },
                ]
            return result
        if self.advices.get(file["path"]):
            result["advices"] = self.advices[file["path"]]
        result["riskLevel"] = self.risks.get(file["path"], "LOW")
        return result

    def _op_CreateRelease(self, params: dict[str, str], query: dict[str, Any], body: Any) -> Any:
        template = query.get("releaseIdTemplate", ["release_{date}-RC{iteration}"])[0]
        if not template.endswith("{iteration}"):
            raise ApiError(400, "INVALID_ARGUMENT", "release id template must end with {iteration}")
        train = template.replace("{date}", "20260822").replace("{iteration}", "")
        iteration = sum(1 for name in self.releases if name.split("/")[-1].startswith(train))
        name = f"projects/{params['project']}/releases/{train}{iteration:02d}"
        files = [
            {
                "path": f["path"],
                "version": f["version"],
                "sheet": f"projects/{params['project']}/sheets/{_sha(f)}",
                "sheetSha256": _sha(f),
            }
            for f in body.get("files", [])
        ]
        release = {
            "name": name,
            "type": body.get("type", "VERSIONED"),
            "files": files,
            "state": "ACTIVE",
            "createTime": self._now(),
        }
        if "vcsSource" in body:
            release["vcsSource"] = body["vcsSource"]
        self.releases[name] = release
        return release

    def _op_CreatePlan(self, params: dict[str, str], query: Any, body: dict[str, Any]) -> Any:
        for spec in body.get("specs", []):
            config = spec.get("changeDatabaseConfig", {})
            if config.get("release") not in self.releases:
                raise ApiError(
                    400, "INVALID_ARGUMENT", f"release {config.get('release')} not found"
                )
            for target in config.get("targets", []):
                self._database(target)
        name = f"projects/{params['project']}/plans/{next(self._ids)}"
        plan = {
            **body,
            "name": name,
            "state": "ACTIVE",
            "creator": "users/ci@service.bytebase.com",
            "createTime": self._now(),
            "updateTime": self._now(),
        }
        self.plans[name] = plan
        return plan

    def _op_GetPlan(self, params: dict[str, str], query: Any, body: Any) -> Any:
        return self._plan(params) | {"hasRollout": self._plan_name(params) in self.rollouts}

    def _op_CreateRollout(self, params: dict[str, str], query: Any, body: Any) -> Any:
        plan = self._plan(params)
        name = plan["name"]
        if name in self.rollouts:
            raise ApiError(400, "FAILED_PRECONDITION", f"rollout already exists for plan {name}")
        stages: dict[str, list[dict[str, Any]]] = {}
        for spec in plan.get("specs", []):
            config = spec["changeDatabaseConfig"]
            for target in config["targets"]:
                env = self._database(target)
                task_name = f"{name}/rollout/stages/{env}/tasks/{next(self._ids)}"
                stages.setdefault(env, []).append(
                    {
                        "name": task_name,
                        "specId": spec["id"],
                        "status": "NOT_STARTED",
                        "type": "DATABASE_MIGRATE",
                        "target": target,
                        "databaseUpdate": {"release": config["release"]},
                    }
                )
        ordered = sorted(stages, key=self.environment_order.index)
        self.rollouts[name] = {
            "name": f"{name}/rollout",
            "title": plan.get("title", ""),
            "stages": [
                {
                    "name": f"{name}/rollout/stages/{env}",
                    "id": env,
                    "environment": f"environments/{env}",
                    "tasks": stages[env],
                }
                for env in ordered
            ],
            "createTime": self._now(),
        }
        return self.rollouts[name]

    def _op_GetRollout(self, params: dict[str, str], query: Any, body: Any) -> Any:
        rollout = self._rollout(params)
        self._advance(rollout)
        return rollout

    def _op_BatchRunTasks(self, params: dict[str, str], query: Any, body: dict[str, Any]) -> Any:
        stage = self._stage(params)
        if stage["id"] in self.approval_required:
            raise ApiError(
                400,
                "FAILED_PRECONDITION",
                f"cannot run tasks in stage {stage['id']}: the rollout policy requires approval",
            )
        by_name = {task["name"]: task for task in stage["tasks"]}
        for task_name in body.get("tasks", []):
            task = by_name.get(task_name)
            if task is None:
                raise ApiError(400, "INVALID_ARGUMENT", f"task {task_name} is not in the stage")
            if task["status"] != "NOT_STARTED":
                raise ApiError(400, "FAILED_PRECONDITION", f"task {task_name} has a pending run")
        for task_name in body.get("tasks", []):
            task = by_name[task_name]
            task["status"] = "PENDING"
            runs = self.task_runs.setdefault(task_name, [])
            runs.append(
                {
                    "name": f"{task_name}/taskRuns/{next(self._ids)}",
                    "status": "PENDING",
                    "creator": "users/ci@service.bytebase.com",
                    "createTime": self._now(),
                }
            )
        return {}

    def _op_ListTaskRuns(self, params: dict[str, str], query: Any, body: Any) -> Any:
        prefix = f"{self._plan_name(params)}/rollout/stages/"
        runs = [
            run
            for task, task_runs in self.task_runs.items()
            for run in task_runs
            if task.startswith(prefix)
            and params["stage"] in ("-", task.split("/")[6])
            and params["task"] in ("-", task.split("/")[-1])
        ]
        return {"taskRuns": runs}

    def _op_BatchCancelTaskRuns(self, params: dict[str, str], query: Any, body: Any) -> Any:
        stage = self._stage(params)
        for run_name in body.get("taskRuns", []):
            task_name = run_name.rsplit("/taskRuns/", 1)[0]
            for run in self.task_runs.get(task_name, []):
                if run["name"] == run_name and run["status"] in ACTIVE_RUN:
                    run["status"] = "CANCELED"
                    run["updateTime"] = self._now()
            for task in stage["tasks"]:
                if task["name"] == task_name:
                    task["status"] = "CANCELED"
        return {}

    # --- state helpers ----------------------------------------------------------------

    def _advance(self, rollout: dict[str, Any]) -> None:
        """Each read of a rollout moves every active task run one step on."""
        for stage in rollout["stages"]:
            for task in stage["tasks"]:
                runs = self.task_runs.get(task["name"])
                if not runs or runs[-1]["status"] not in ACTIVE_RUN:
                    continue
                run = runs[-1]
                if run["status"] == "PENDING":
                    run["status"] = task["status"] = "RUNNING"
                    run["startTime"] = self._now()
                elif task["target"] not in self.hold_running:
                    failed = task["target"] in self.fail_targets
                    run["status"] = task["status"] = "FAILED" if failed else "DONE"
                    if failed:
                        run["detail"] = 'ERROR: relation "t9" does not exist (SQLSTATE 42P01)'
                    else:
                        self._record_applied(task)
                run["updateTime"] = self._now()

    def _record_applied(self, task: dict[str, Any]) -> None:
        release = self.releases[task["databaseUpdate"]["release"]]
        applied = self.applied.setdefault(task["target"], {})
        for file in release["files"]:
            applied[file["version"]] = file["sheetSha256"]

    def _database(self, target: str) -> str:
        match = re.fullmatch(r"instances/([^/]+)/databases/[^/]+", target)
        if match is None:
            raise ApiError(400, "INVALID_ARGUMENT", f"invalid database name {target!r}")
        env = self.database_environments.get(target, match.group(1))
        if env not in self.environment_order:
            raise ApiError(404, "NOT_FOUND", f"database {target} not found")
        return env

    def _plan_name(self, params: dict[str, str]) -> str:
        return f"projects/{params['project']}/plans/{params['plan']}"

    def _plan(self, params: dict[str, str]) -> dict[str, Any]:
        plan = self.plans.get(self._plan_name(params))
        if plan is None:
            raise ApiError(404, "NOT_FOUND", f"plan {self._plan_name(params)} not found")
        return plan

    def _rollout(self, params: dict[str, str]) -> dict[str, Any]:
        self._plan(params)
        rollout = self.rollouts.get(self._plan_name(params))
        if rollout is None:
            raise ApiError(404, "NOT_FOUND", f"rollout for {self._plan_name(params)} not found")
        return rollout

    def _stage(self, params: dict[str, str]) -> dict[str, Any]:
        for stage in self._rollout(params)["stages"]:
            if stage["id"] == params["stage"]:
                return stage
        raise ApiError(404, "NOT_FOUND", f"stage {params['stage']} not found")

    def _now(self) -> str:
        seconds = next(self._clock)
        return f"2026-08-22T10:{seconds // 60 % 60:02d}:{seconds % 60:02d}Z"


def _sha(file: dict[str, Any]) -> str:
    return hashlib.sha256(base64.b64decode(file.get("statement", ""))).hexdigest()


def _status(code: str, message: str) -> dict[str, Any]:
    return {"code": GRPC.get(code, 2), "message": message, "details": []}


class _Handler(BaseHTTPRequestHandler):
    fake: FakeBytebase

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        status, extra, answer = self.fake.handle(self.command, self.path, headers, raw)
        payload = json.dumps(answer).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in extra.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout test)

    do_GET = do_POST = do_PATCH = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(fake: FakeBytebase) -> Iterator[FakeBytebase]:
    """Serve `fake` on 127.0.0.1 on a free port, in a thread, for the duration of the block."""
    handler = type("Handler", (_Handler,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
