"""A fake Bitbucket Cloud over real loopback HTTP, for dbops' Bitbucket adapter.

It keeps state (pull requests and their participants, comments, Code Insights reports and
annotations), checks every request against the official OpenAPI document (method, path, query,
body) and its own answers against the response schemas, authenticates like Bitbucket (Bearer
access tokens, Basic API tokens, OAuth client-credentials tokens that expire, scopes that are
enforced), also acts as the Pipelines proxy (absolute-form requests to http://api.bitbucket.org,
no credentials), and injects faults (status codes with or without Retry-After, slow answers,
malformed JSON).

Contract violations answer 400 and are collected in `violations`; the test fixture fails the
test when any were seen.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.fakes.openapi import ContractViolation, OpenApiContract, Operation

API_PREFIX = "/2.0"
TOKEN_PATH = "/site/oauth2/access_token"
PROXIED_HOST = "api.bitbucket.org"
ALL_SCOPES = frozenset({"repository", "repository:write", "pullrequest", "pullrequest:write"})
MAX_ANNOTATIONS_PER_REPORT = 1000


@dataclass
class Fault:
    """What to do instead of (or before) answering a matching request, `times` times."""

    kind: str  # "status" | "slow" | "malformed"
    method: str | None = None
    path_contains: str | None = None
    times: int = 1
    status: int = 500
    retry_after: str | None = None
    delay: float = 0.0
    body: dict[str, Any] | None = None

    def matches(self, method: str, path: str) -> bool:
        return (
            self.times > 0
            and (self.method is None or self.method == method)
            and (self.path_contains is None or self.path_contains in path)
        )


@dataclass
class Seen:
    """One request as the fake received it (the Authorization header is reduced to its kind)."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    auth: str | None  # "bearer:<token>" | "basic:<user>" | None
    proxied: bool
    status: int = 0


@dataclass
class FakeState:
    pull_requests: dict[int, dict[str, Any]] = field(default_factory=dict)
    commit_pull_requests: dict[str, list[int]] = field(default_factory=dict)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    reports: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    annotations: dict[tuple[str, str], dict[str, dict[str, Any]]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)  # by {uuid} and account id


class FakeBitbucket:
    """Start with `start()`; `api_url` is the DBOPS_BITBUCKET_API_URL, `proxy_url` the proxy."""

    def __init__(self, contract: OpenApiContract, page_size: int = 100) -> None:
        self.contract = contract
        self.page_size = page_size  # largest page the fake serves, to exercise pagination
        self.state = FakeState()
        self.requests: list[Seen] = []
        self.violations: list[str] = []
        self.faults: list[Fault] = []
        self.bearer_tokens: dict[str, frozenset[str]] = {}
        self.basic_users: dict[tuple[str, str], frozenset[str]] = {}
        self.oauth_clients: dict[tuple[str, str], frozenset[str]] = {}
        self.oauth_lifetime = 7200
        self.repositories = {("acme", "app")}
        self.bot = {
            "type": "user",
            "uuid": "{00000000-0000-4000-8000-00000000b07}",
            "display_name": "dbops bot",
            "nickname": "dbops-bot",
            "account_id": "557058:bot",
        }
        self._oauth_issued: dict[str, frozenset[str]] = {}
        self._ids = itertools.count(1001)
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> FakeBitbucket:
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def origin(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return self.origin + API_PREFIX

    @property
    def token_url(self) -> str:
        return self.origin + TOKEN_PATH

    @property
    def proxy_url(self) -> str:
        return self.origin

    # -- seeding and inspection -------------------------------------------------------

    def add_pull_request(
        self,
        pr_id: int,
        title: str = "Add migrations",
        state: str = "OPEN",
        participants: list[dict[str, Any]] | None = None,
        commits: tuple[str, ...] = (),
    ) -> None:
        with self._lock:
            self.state.pull_requests[pr_id] = {
                "type": "pullrequest",
                "id": pr_id,
                "title": title,
                "state": state,
                "participants": participants or [],
            }
            self.state.comments.setdefault(pr_id, [])
            for commit in commits:
                self.state.commit_pull_requests.setdefault(commit, []).append(pr_id)

    def add_user(self, nickname: str, display_name: str) -> dict[str, Any]:
        """An account served by GET /users/{uuid} and /users/{account_id}."""
        user = {**_user(nickname), "display_name": display_name}
        self.state.users[user["uuid"]] = self.state.users[user["account_id"]] = user
        return user

    def add_comment(
        self, pr_id: int, raw: str, deleted: bool = False, by_bot: bool = False
    ) -> dict[str, Any]:
        """A comment by someone (or, `by_bot`, by the account the tokens act as)."""
        with self._lock:
            comment = self._new_comment(pr_id, raw, user=self.bot if by_bot else _user("someone"))
            comment["deleted"] = deleted
            return comment

    def comments(self, pr_id: int, include_deleted: bool = False) -> list[dict[str, Any]]:
        return [
            c for c in self.state.comments.get(pr_id, []) if include_deleted or not c["deleted"]
        ]

    def report(self, commit: str, report_id: str) -> dict[str, Any] | None:
        return self.state.reports.get((commit, report_id))

    def annotations(self, commit: str, report_id: str) -> list[dict[str, Any]]:
        return list(self.state.annotations.get((commit, report_id), {}).values())

    def inject(self, fault: Fault) -> Fault:
        with self._lock:
            self.faults.append(fault)
        return fault

    def expire_oauth_tokens(self) -> None:
        with self._lock:
            self._oauth_issued.clear()

    def calls(self, method: str | None = None, contains: str = "") -> list[Seen]:
        return [
            seen
            for seen in self.requests
            if (method is None or seen.method == method) and contains in seen.path
        ]

    # -- request handling (called by the handler thread) -------------------------------

    def handle(self, request: _Request) -> _Answer:
        with self._lock:
            fault = next((f for f in self.faults if f.matches(request.method, request.path)), None)
            if fault is not None:
                fault.times -= 1
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)
        elif fault is not None and fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            return _Answer(fault.status, fault.body or _error("injected fault"), headers)
        elif fault is not None and fault.kind == "malformed":
            return _Answer(200, None, {}, raw=b'{"values": [ {"truncated')
        with self._lock:
            try:
                return self._dispatch(request)
            except ContractViolation as exc:
                self.violations.append(f"{request.method} {request.path}: {exc}")
                return _Answer(400, _error(f"contract violation: {exc}"))

    def _dispatch(self, request: _Request) -> _Answer:
        if request.path == TOKEN_PATH and not request.proxied:
            return self._issue_token(request)
        if not request.path.startswith(API_PREFIX + "/"):
            raise ContractViolation(f"{request.path} is outside {API_PREFIX}")
        api_path = request.path[len(API_PREFIX) :]
        operation, path_values = self.contract.operation(request.method, api_path)
        payload = self.contract.check_request(
            operation, path_values, request.query, request.content_type, request.body
        )
        request.seen.body = payload
        denied = self._authenticate(request, operation)
        if denied is not None:
            return denied
        values = {name: unquote(value) for name, value in path_values.items()}
        answer = self._route(operation, values, request, payload)
        if 200 <= answer.status < 300:
            self.contract.check_response(operation, answer.status, answer.payload)
        return answer

    def _authenticate(self, request: _Request, operation: Operation) -> _Answer | None:
        header = request.authorization
        if request.proxied:
            if header is not None:
                raise ContractViolation("a request through the Pipelines proxy carries credentials")
            if "/reports" not in request.path:
                return _Answer(403, _error("the Pipelines proxy only serves Code Insights"))
            return None
        scopes = self._scopes_for(header, request)
        if scopes is None:
            return _Answer(401, _error("Unauthorized"))
        missing = [scope for scope in operation.scopes if not _grants(scopes, scope)]
        if missing:
            body = _error("Your credentials lack one or more required privilege scopes.")
            body["error"]["data"] = {"required": missing, "granted": sorted(scopes)}
            return _Answer(403, body)
        return None

    def _scopes_for(self, header: str | None, request: _Request) -> frozenset[str] | None:
        if header is None:
            return None
        kind, _, value = header.partition(" ")
        if kind == "Bearer":
            request.seen.auth = f"bearer:{value}"
            return self.bearer_tokens.get(value) or self._oauth_issued.get(value)
        if kind == "Basic":
            user, _, secret = base64.b64decode(value).decode().partition(":")
            request.seen.auth = f"basic:{user}"
            return self.basic_users.get((user, secret))
        return None

    def _issue_token(self, request: _Request) -> _Answer:
        # Not in the REST API document: checked against narrative.md "Client Credentials Grant".
        if request.method != "POST":
            raise ContractViolation("the token endpoint takes POST")
        if request.content_type != "application/x-www-form-urlencoded":
            raise ContractViolation(f"token request content type {request.content_type!r}")
        form = parse_qs(request.body.decode())
        if form.get("grant_type") != ["client_credentials"]:
            raise ContractViolation(f"token request grant_type {form.get('grant_type')}")
        header = request.authorization or ""
        if not header.startswith("Basic "):
            return _Answer(401, {"error": "invalid_client"})
        client, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        request.seen.auth = f"basic:{client}"
        scopes = self.oauth_clients.get((client, secret))
        if scopes is None:
            return _Answer(400, {"error": "invalid_client", "error_description": "bad secret"})
        token = f"oauth-{uuid.uuid4().hex}"
        self._oauth_issued[token] = scopes
        return _Answer(
            200,
            {
                "access_token": token,
                "token_type": "bearer",
                "expires_in": self.oauth_lifetime,
                "scopes": " ".join(sorted(scopes)),
                "state": "client_credentials",
            },
        )

    # -- the resources -----------------------------------------------------------------

    def _route(
        self, operation: Operation, values: dict[str, str], request: _Request, payload: Any
    ) -> _Answer:
        template, method = operation.template, operation.method
        base = request.base_url
        if template == "/users/{selected_user}":
            user = self.state.users.get(values["selected_user"])
            return _Answer(200, user) if user else _Answer(404, _error("No such user"))
        if template == "/user":
            return _Answer(200, self.bot)
        if (values["workspace"], values["repo_slug"]) not in self.repositories:
            return _Answer(404, _error("Repository not found"))
        if template.endswith("/commit/{commit}/pullrequests"):
            ids = self.state.commit_pull_requests.get(values["commit"], [])
            items = [self._pr_summary(pr_id) for pr_id in ids]
            return _Answer(200, self._page(items, request, base))
        if template.endswith("/pullrequests/{pull_request_id}") and method == "GET":
            pr = self.state.pull_requests.get(int(values["pull_request_id"]))
            return _Answer(200, pr) if pr else _Answer(404, _error("No such pull request"))
        if template.endswith("/pullrequests/{pull_request_id}/comments"):
            pr_id = int(values["pull_request_id"])
            if pr_id not in self.state.pull_requests:
                return _Answer(404, _error("No such pull request"))
            if method == "GET":
                return _Answer(200, self._page(self.state.comments[pr_id], request, base))
            comment = self._new_comment(pr_id, payload["content"]["raw"], user=self.bot)
            return _Answer(201, comment)
        if template.endswith("/comments/{comment_id}"):
            return self._comment(method, values, payload)
        if template.endswith("/reports/{reportId}"):
            return self._report(method, values, payload)
        if template.endswith("/reports/{reportId}/annotations"):
            return self._annotations(method, values, payload, request, base)
        raise ContractViolation(f"the fake does not serve {method} {template}")

    def _pr_summary(self, pr_id: int) -> dict[str, Any]:
        pr = self.state.pull_requests[pr_id]
        return {key: pr[key] for key in ("type", "id", "title", "state")}

    def _new_comment(self, pr_id: int, raw: str, user: dict[str, Any]) -> dict[str, Any]:
        stamp = _now()
        comment = {
            "type": "pullrequest_comment",
            "id": next(self._ids),
            "created_on": stamp,
            "updated_on": stamp,
            "content": {"raw": raw, "markup": "markdown", "html": ""},
            "user": user,
            "deleted": False,
        }
        self.state.comments.setdefault(pr_id, []).append(comment)
        return comment

    def _comment(self, method: str, values: dict[str, str], payload: Any) -> _Answer:
        pr_id, comment_id = int(values["pull_request_id"]), int(values["comment_id"])
        comment = next(
            (c for c in self.state.comments.get(pr_id, []) if c["id"] == comment_id), None
        )
        if comment is None or comment["deleted"]:
            return _Answer(404, _error("No such comment"))
        if method == "PUT":
            comment["content"] = {
                "raw": payload["content"]["raw"],
                "markup": "markdown",
                "html": "",
            }
            comment["updated_on"] = _now()
        elif method == "DELETE":
            comment["deleted"] = True
            comment["content"] = {"raw": "", "markup": "markdown", "html": ""}
            return _Answer(204, None)
        return _Answer(200, comment)

    def _report(self, method: str, values: dict[str, str], payload: Any) -> _Answer:
        key = (values["commit"], values["reportId"])
        if method == "PUT":
            existing = self.state.reports.get(key)
            report = dict(payload)
            report.update(
                {
                    "type": "report",
                    "external_id": values["reportId"],
                    "uuid": existing["uuid"] if existing else f"{{{uuid.uuid4()}}}",
                    "created_on": existing["created_on"] if existing else _now(),
                    "updated_on": _now(),
                }
            )
            self.state.reports[key] = report
            self.state.annotations.setdefault(key, {})
            return _Answer(200, report)
        if key not in self.state.reports:
            return _Answer(404, _error("No such report"))
        if method == "DELETE":
            del self.state.reports[key]
            self.state.annotations.pop(key, None)
            return _Answer(204, None)
        return _Answer(200, self.state.reports[key])

    def _annotations(
        self, method: str, values: dict[str, str], payload: Any, request: _Request, base: str
    ) -> _Answer:
        key = (values["commit"], values["reportId"])
        if key not in self.state.reports:
            return _Answer(404, _error("No such report"))
        stored = self.state.annotations[key]
        if method == "GET":
            return _Answer(200, self._page(list(stored.values()), request, base))
        ids = [item.get("external_id") for item in payload]
        if None in ids or len(set(ids)) != len(ids):
            return _Answer(400, _error("every annotation needs a unique external_id"))
        if len(set(stored) | set(ids)) > MAX_ANNOTATIONS_PER_REPORT:
            return _Answer(400, _error("a report holds at most 1000 annotations"))
        answer = []
        for item in payload:
            annotation = dict(item)
            previous = stored.get(item["external_id"])
            annotation["uuid"] = previous["uuid"] if previous else f"{{{uuid.uuid4()}}}"
            stored[item["external_id"]] = annotation
            answer.append(annotation)
        return _Answer(200, answer)

    def _page(self, items: list[dict[str, Any]], request: _Request, base: str) -> dict[str, Any]:
        page = int(request.query.get("page", ["1"])[0])
        asked = int(request.query.get("pagelen", ["10"])[0])
        size = min(asked, self.page_size, 100)
        start = (page - 1) * size
        result: dict[str, Any] = {
            "page": page,
            "pagelen": size,
            "size": len(items),
            "values": items[start : start + size],
        }
        if start + size < len(items):
            result["next"] = f"{base}{request.path}?page={page + 1}&pagelen={size}"
        return result


# -- HTTP plumbing -------------------------------------------------------------------------


@dataclass
class _Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    proxied: bool
    base_url: str
    seen: Seen

    @property
    def authorization(self) -> str | None:
        return self.headers.get("authorization")

    @property
    def content_type(self) -> str | None:
        value = self.headers.get("content-type")
        return value.split(";")[0].strip() if value else None


@dataclass
class _Answer:
    status: int
    payload: Any
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None


def _error(message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"message": message}}


def _user(nickname: str) -> dict[str, Any]:
    return {
        "type": "user",
        "uuid": f"{{{uuid.uuid4()}}}",
        "display_name": nickname.title(),
        "nickname": nickname,
        "account_id": f"557058:{nickname}",
    }


def _grants(scopes: frozenset[str], needed: str) -> bool:
    # pullrequest:write implies pullrequest; pullrequest implies repository (narrative.md).
    implied = set(scopes)
    if "pullrequest:write" in implied:
        implied |= {"pullrequest", "repository:write"}
    if "pullrequest" in implied or "repository:write" in implied:
        implied.add("repository")
    return needed in implied


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and hung up is part of the test, not an error


class _Handler(BaseHTTPRequestHandler):
    owner: FakeBitbucket
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one write: no Nagle/delayed-ACK stall per request.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _serve(self) -> None:
        target = urlsplit(self.path)
        proxied = bool(target.scheme)
        if proxied and (target.scheme, target.netloc) != ("http", PROXIED_HOST):
            self._send(_Answer(502, _error(f"the proxy only forwards to {PROXIED_HOST}")))
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        query = parse_qs(target.query, keep_blank_values=True)
        headers = {key.lower(): value for key, value in self.headers.items()}
        seen = Seen(self.command, target.path, query, None, None, proxied)
        base = f"http://{PROXIED_HOST}" if proxied else self.owner.origin
        request = _Request(self.command, target.path, query, headers, body, proxied, base, seen)
        with self.owner._lock:
            self.owner.requests.append(seen)
        answer = self.owner.handle(request)
        seen.status = answer.status
        self._send(answer)

    def _send(self, answer: _Answer) -> None:
        data = (
            answer.raw
            if answer.raw is not None
            else (b"" if answer.payload is None else json.dumps(answer.payload).encode())
        )
        self.send_response(answer.status)
        if data:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in answer.headers.items():
            self.send_header(key, value)
        self.end_headers()
        if data:
            self.wfile.write(data)


def started(contract: OpenApiContract, page_size: int = 100) -> Iterator[FakeBitbucket]:
    """Generator for a pytest fixture: a running fake, stopped afterwards."""
    fake = FakeBitbucket(contract, page_size).start()
    try:
        yield fake
    finally:
        fake.stop()
