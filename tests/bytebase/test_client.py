"""The client against the fake over loopback: login reuse, re-login, retries, headers, masking."""

from __future__ import annotations

import pytest

from dbops.adapters.bytebase.client import BytebaseClient, BytebaseRequestError
from dbops.adapters.bytebase.session import open_session
from dbops.adapters.bytebase.settings import ServerSettings
from dbops.errors import ServerError
from tests.bytebase.conftest import SERVICE_KEY
from tests.fakes.bytebase import FakeBytebase, Fault


def _settings(fake: FakeBytebase, **changes: object) -> ServerSettings:
    values: dict[str, object] = {
        "url": fake.url,
        "project": "projects/hr",
        "service_account": "ci@service.bytebase.com",
        "service_key": SERVICE_KEY,
        "timeout": 5.0,
    }
    values.update(changes)
    return ServerSettings(**values)  # type: ignore[arg-type]


def _client(fake: FakeBytebase, sleeps: list[float], **changes: object) -> BytebaseClient:
    return BytebaseClient(_settings(fake, **changes), sleep=sleeps.append)


def test_logs_in_once_and_reuses_the_token(fake: FakeBytebase) -> None:
    with _client(fake, []) as client:
        for _ in range(3):
            client.actuator_info()
    assert fake.operation_ids().count("AuthService_Login") == 1
    tokens = {r.headers["authorization"] for r in fake.calls("ActuatorService_GetActuatorInfo")}
    assert len(tokens) == 1


def test_an_expired_token_logs_in_again_once(fake: FakeBytebase) -> None:
    with _client(fake, []) as client:
        client.actuator_info()
        fake.expire_tokens()
        client.actuator_info()
    assert fake.operation_ids() == [
        "AuthService_Login",
        "ActuatorService_GetActuatorInfo",
        "ActuatorService_GetActuatorInfo",  # 401
        "AuthService_Login",
        "ActuatorService_GetActuatorInfo",
    ]


def test_a_refused_login_names_the_account_not_the_key(fake: FakeBytebase) -> None:
    with (
        _client(fake, [], service_key="wrong-key-456") as client,
        pytest.raises(ServerError) as raised,
    ):
        client.actuator_info()
    assert "ci@service.bytebase.com" in raised.value.message
    assert "wrong-key-456" not in raised.value.message


def test_a_pre_obtained_access_token_is_used_as_is(fake: FakeBytebase) -> None:
    with _client(
        fake, [], service_account=None, service_key=None, access_token="static-access-token-xyz"
    ) as client:
        client.actuator_info()
        fake.access_tokens.clear()
        with pytest.raises(BytebaseRequestError) as raised:
            client.actuator_info()
    assert raised.value.status == 401 and "AuthService_Login" not in fake.operation_ids()
    assert "static-access-token-xyz" not in raised.value.message


def test_retries_429_and_5xx_with_backoff_honouring_retry_after(fake: FakeBytebase) -> None:
    fake.faults = [
        Fault("/actuator/info", 429, headers={"Retry-After": "3"}),
        Fault("/actuator/info", 503),
    ]
    sleeps: list[float] = []
    with _client(fake, sleeps) as client:
        assert client.actuator_info().version == "3.20.0"
    assert sleeps == [3.0, 1.0]


def test_retries_are_bounded_and_the_error_carries_the_servers_message(fake: FakeBytebase) -> None:
    fake.faults = [Fault("/actuator/info", 503, message="database is in recovery")] * 4
    sleeps: list[float] = []
    with _client(fake, sleeps) as client, pytest.raises(ServerError) as raised:
        client.actuator_info()
    assert len(sleeps) == 3
    assert "HTTP 503" in raised.value.message and "database is in recovery" in raised.value.message


def test_a_timeout_is_retried(fake: FakeBytebase) -> None:
    fake.faults = [Fault("/actuator/info", 200, stall=0.5)]
    sleeps: list[float] = []
    with _client(fake, sleeps, timeout=0.1) as client:
        assert client.actuator_info().version == "3.20.0"
    assert len(sleeps) == 1


def test_an_unreachable_server_is_an_error_that_names_it() -> None:
    settings = ServerSettings(
        url="http://127.0.0.1:9", project="projects/hr", access_token="tok-abcdef"
    )
    with BytebaseClient(settings, sleep=lambda s: None) as client, pytest.raises(ServerError) as e:
        client.actuator_info()
    assert "cannot reach Bytebase at http://127.0.0.1:9" in e.value.message


def test_extra_headers_reach_the_server_and_are_masked(fake: FakeBytebase) -> None:
    fake.required_headers = {"CF-Access-Client-Secret": "proxy-secret-789"}
    with _client(fake, [], headers={"CF-Access-Client-Secret": "proxy-secret-789"}) as client:
        client.actuator_info()
    fake.faults = [Fault("/actuator/info", 400, message="echo proxy-secret-789 and " + SERVICE_KEY)]
    client = _client(fake, [], headers={"CF-Access-Client-Secret": "proxy-secret-789"})
    with client, pytest.raises(ServerError) as raised:
        client.actuator_info()
    assert "proxy-secret-789" not in raised.value.message
    assert SERVICE_KEY not in raised.value.message and "***" in raised.value.message


def test_the_version_gate_refuses_an_old_server(fake: FakeBytebase) -> None:
    fake.version = "3.12.1"
    with pytest.raises(ServerError, match=r"3\.12\.1.*3\.13\.0 or a newer 3\.x"):
        open_session(_settings(fake), warn=lambda message: None)
