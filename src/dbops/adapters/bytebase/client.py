"""HTTP client for Bytebase's REST API (the grpc-gateway `/v1/...` paths).

Auth: a service account logs in once (`/v1/auth/login`) and its token is reused; a 401 on any
later call logs in again once and repeats the call. A pre-obtained access token is used as it
is (a 401 then is final). Every call retries 429, 5xx, timeouts and dropped connections a
bounded number of times with exponential backoff, honouring `Retry-After`. Errors carry the
server's own message; secrets (service key, tokens, proxy headers) are masked everywhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from dbops import __version__
from dbops.adapters.bytebase.models import (
    ActuatorInfo,
    CheckReleaseRequest,
    CheckReleaseResponse,
    ListTaskRunsResponse,
    LoginResponse,
    Plan,
    Release,
    Rollout,
    TaskRun,
)
from dbops.adapters.bytebase.settings import ServerSettings
from dbops.adapters.bytebase.wire import to_wire
from dbops.adapters.http_retry import RETRYABLE_STATUS, parse_retry_after
from dbops.errors import ServerError

GRPC_CODES = {
    1: "CANCELLED",
    2: "UNKNOWN",
    3: "INVALID_ARGUMENT",
    4: "DEADLINE_EXCEEDED",
    5: "NOT_FOUND",
    6: "ALREADY_EXISTS",
    7: "PERMISSION_DENIED",
    8: "RESOURCE_EXHAUSTED",
    9: "FAILED_PRECONDITION",
    10: "ABORTED",
    11: "OUT_OF_RANGE",
    12: "UNIMPLEMENTED",
    13: "INTERNAL",
    14: "UNAVAILABLE",
    15: "DATA_LOSS",
    16: "UNAUTHENTICATED",
}
Model = TypeVar("Model", bound=BaseModel)


def pause(seconds: float) -> None:
    """Waiting between attempts (looked up at call time: tests replace it)."""
    time.sleep(seconds)


class BytebaseRequestError(ServerError):
    """Bytebase answered a request with an error; carries its status, code and message."""

    def __init__(self, message: str, *, status: int, code: str, server_message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.server_message = server_message


class Masker:
    """Replaces secrets in any text that may be shown."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        self._secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def add(self, secret: str) -> None:
        if len(secret) >= 4 and secret not in self._secrets:
            self._secrets = sorted([*self._secrets, secret], key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text


class BytebaseClient:
    def __init__(
        self,
        settings: ServerSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] | None = None,
        on_retry: Callable[[str], None] | None = None,
        max_attempts: int = 4,
        backoff: float = 0.5,
        backoff_cap: float = 30.0,
    ) -> None:
        self.settings = settings
        self.mask = Masker(settings.secrets)
        self._sleep = sleep
        self._on_retry = on_retry or (lambda message: None)
        self._max_attempts = max_attempts
        self._backoff = backoff
        self._backoff_cap = backoff_cap
        self._token = settings.access_token
        self._http = httpx.Client(
            base_url=settings.url,
            timeout=settings.timeout,
            transport=transport,
            headers={**settings.headers, "User-Agent": f"dbops/{__version__}"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> BytebaseClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the API dbops uses -------------------------------------------------------------

    def actuator_info(self) -> ActuatorInfo:
        return self._call(ActuatorInfo, "GET", "/v1/actuator/info")

    def check_release(self, request: CheckReleaseRequest) -> CheckReleaseResponse:
        path = f"/v1/{self.settings.project}/releases:check"
        return self._call(CheckReleaseResponse, "POST", path, body=to_wire(request))

    def create_release(self, release: Release, id_template: str | None) -> Release:
        params: dict[str, str] = {}
        if id_template:
            params = {"releaseIdTemplate": id_template, "releaseIdTimezone": "UTC"}
        path = f"/v1/{self.settings.project}/releases"
        return self._call(Release, "POST", path, body=to_wire(release), params=params)

    def create_plan(self, plan: Plan) -> Plan:
        return self._call(Plan, "POST", f"/v1/{self.settings.project}/plans", body=to_wire(plan))

    def get_plan(self, plan_name: str) -> Plan:
        return self._call(Plan, "GET", f"/v1/{plan_name}")

    def create_rollout(self, plan_name: str) -> Rollout:
        # No `target`: the rollout gets every stage, so later environments promote this plan.
        return self._call(Rollout, "POST", f"/v1/{plan_name}/rollout", body={})

    def get_rollout(self, plan_name: str) -> Rollout | None:
        try:
            return self._call(Rollout, "GET", f"/v1/{plan_name}/rollout")
        except BytebaseRequestError as error:
            if error.status == 404:
                return None
            raise

    def batch_run_tasks(self, stage_name: str, task_names: list[str]) -> None:
        self._request("POST", f"/v1/{stage_name}/tasks:batchRun", body={"tasks": task_names})

    def list_task_runs(self, plan_name: str) -> list[TaskRun]:
        path = f"/v1/{plan_name}/rollout/stages/-/tasks/-/taskRuns"
        return self._call(ListTaskRunsResponse, "GET", path).task_runs

    def batch_cancel_task_runs(self, stage_name: str, task_run_names: list[str]) -> None:
        path = f"/v1/{stage_name}/tasks/-/taskRuns:batchCancel"
        self._request("POST", path, body={"taskRuns": task_run_names})

    def web_url(self, resource: str, external_url: str = "") -> str:
        """Where a person opens `resource` (a plan, a rollout) in Bytebase's web UI."""
        return f"{(external_url or self.settings.url).rstrip('/')}/{resource}"

    # --- transport ----------------------------------------------------------------------

    def _call(
        self,
        model: type[Model],
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> Model:
        data = self._request(method, path, body=body, params=params)
        try:
            return model.model_validate(data)
        except ValidationError as error:
            raise ServerError(
                f"Bytebase answered {method} {path} with a {model.__name__} dbops cannot read "
                f"({error.error_count()} problem(s), first: {error.errors()[0]['msg']}). Is "
                f"server.url a Bytebase server of a supported version?"
            ) from None

    def _request(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
        authenticated: bool = True,
    ) -> dict[str, Any]:
        relogged = False
        attempt = 1
        while True:
            headers = self._auth_headers() if authenticated else {}
            try:
                response = self._http.request(
                    method, path, json=body, params=params, headers=headers
                )
            except httpx.TransportError as error:
                if attempt >= self._max_attempts:
                    raise ServerError(
                        f"cannot reach Bytebase at {self.settings.url} ({method} {path}): "
                        f"{self.mask(str(error) or type(error).__name__)} after {attempt} "
                        f"attempt(s). Check server.url and the network from this runner."
                    ) from None
                self._wait(attempt, None, f"{type(error).__name__} on {method} {path}")
                attempt += 1
                continue
            if response.status_code == 401 and authenticated and self._can_login and not relogged:
                relogged = True  # the token expired: log in again once, without using an attempt
                self._token = None
                continue
            if response.status_code in RETRYABLE_STATUS and attempt < self._max_attempts:
                self._wait(attempt, response, f"HTTP {response.status_code} on {method} {path}")
                attempt += 1
                continue
            if response.is_success:
                return _json_object(response)
            raise self._error(method, path, response)

    @property
    def _can_login(self) -> bool:
        return bool(self.settings.service_account and self.settings.service_key)

    def _auth_headers(self) -> dict[str, str]:
        if self._token is None:
            self._token = self._login()
        return {"Authorization": f"Bearer {self._token}"}

    def _login(self) -> str:
        body = {"email": self.settings.service_account, "password": self.settings.service_key}
        try:
            data = self._request("POST", "/v1/auth/login", body=body, authenticated=False)
        except BytebaseRequestError as error:
            raise ServerError(
                f"Bytebase refused the login of service account "
                f"'{self.settings.service_account}' (HTTP {error.status}: "
                f"{error.server_message}). Check server.service_account and server.service_key "
                f"(a service account's secret, not a user's password)."
            ) from None
        login = LoginResponse.model_validate(data)
        if not login.token:
            raise ServerError(
                f"Bytebase did not return a token for '{self.settings.service_account}' (it may "
                f"require MFA or a password reset); use a service account, which needs neither."
            )
        self.mask.add(login.token)
        return login.token

    def _wait(self, attempt: int, response: httpx.Response | None, what: str) -> None:
        retry_after = (
            parse_retry_after(response.headers.get("Retry-After")) if response is not None else None
        )
        wanted = self._backoff * 2 ** (attempt - 1) if retry_after is None else retry_after
        delay = min(self._backoff_cap, wanted)
        self._on_retry(
            f"Bytebase: {what}; retrying in {delay:.1f}s "
            f"(attempt {attempt + 1} of {self._max_attempts})"
        )
        (self._sleep or pause)(delay)

    def _error(self, method: str, path: str, response: httpx.Response) -> BytebaseRequestError:
        code, message = _error_body(response)
        message = self.mask(message)
        hint = {
            401: "The access token was refused; get a new one or use a service account.",
            403: "The service account lacks a permission for this; grant it a project role "
            "that has it (e.g. Project Releaser).",
            404: f"Check server.project ({self.settings.project}) and server.targets.",
        }.get(response.status_code, "")
        text = (
            f"Bytebase refused {method} {path} (HTTP {response.status_code}"
            f"{', ' + code if code else ''}): {message or response.reason_phrase}."
        )
        return BytebaseRequestError(
            f"{text} {hint}".strip(),
            status=response.status_code,
            code=code,
            server_message=message,
        )


def _json_object(response: httpx.Response) -> dict[str, Any]:
    if not response.content:
        return {}
    try:
        data = response.json()
    except ValueError:
        raise ServerError(
            f"Bytebase answered {response.request.method} {response.request.url.path} with "
            f"something that is not JSON (Content-Type {response.headers.get('content-type')}). "
            f"Is server.url the Bytebase server itself, not a login page of a proxy?"
        ) from None
    if not isinstance(data, dict):
        raise ServerError(f"Bytebase answered {response.request.url.path} with a non-object.")
    return data


def _error_body(response: httpx.Response) -> tuple[str, str]:
    """(code name, message) from a grpc-gateway (`{code: 16, ...}`) or Connect error body."""
    try:
        data = response.json()
    except ValueError:
        return "", response.text.strip()[:300]
    if not isinstance(data, dict):
        return "", str(data)[:300]
    raw_code = data.get("code")
    if isinstance(raw_code, int):
        code = GRPC_CODES.get(raw_code, str(raw_code))
    else:
        code = str(raw_code or "").upper()
    return code, str(data.get("message") or data.get("error") or "")
