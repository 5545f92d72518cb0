"""The client's retries, auth modes and error messages, over real loopback HTTP with faults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from dbops.adapters.bitbucket.client import BitbucketClient, client_from_environment
from dbops.adapters.http_retry import RetryPolicy, parse_retry_after
from dbops.errors import ConfigError, PublishError
from tests.bitbucket.conftest import PR_ID, Sleeps
from tests.fakes.bitbucket import FakeBitbucket, Fault

PR_PATH = f"/repositories/acme/app/pullrequests/{PR_ID}"
SECRET = "s3cr3t-value-never-shown"


def _token_client(fake: FakeBitbucket, policy: RetryPolicy, scopes: set[str] | None = None):
    fake.bearer_tokens[SECRET] = frozenset(scopes or {"pullrequest"})
    env = {"BITBUCKET_ACCESS_TOKEN": SECRET, "DBOPS_BITBUCKET_API_URL": fake.api_url}
    return client_from_environment(env, policy=policy)


def _get_pr(client: BitbucketClient) -> object:
    return client.get(PR_PATH, what=f"pull request #{PR_ID} of acme/app", scope="pullrequest")


def test_429_with_retry_after_waits_as_told(
    fake: FakeBitbucket, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    fake.inject(Fault("status", path_contains="/pullrequests/", status=429, retry_after="3"))
    with _token_client(fake, policy) as client:
        assert _get_pr(client)["id"] == PR_ID  # type: ignore[index]
    assert len(fake.calls("GET", PR_PATH)) == 2
    assert sleeps == [3.0]


def test_429_without_retry_after_backs_off_within_bounds(
    fake: FakeBitbucket, policy: RetryPolicy, sleeps: Sleeps
) -> None:
    fake.inject(Fault("status", path_contains="/pullrequests/", status=429, times=3))
    with _token_client(fake, policy) as client:
        _get_pr(client)
    assert len(fake.calls("GET", PR_PATH)) == 4
    assert len(sleeps) == 3
    assert all(0 <= wait <= policy.max_delay for wait in sleeps)


def test_retry_after_is_capped_and_accepts_http_dates(sleeps: Sleeps) -> None:
    policy = RetryPolicy(max_retry_after=10, sleep=sleeps)
    assert policy.backoff(1, 3600) == 10
    now = datetime(2026, 1, 1, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=42), usegmt=True)
    assert parse_retry_after(later, now=lambda: now) == 42
    assert parse_retry_after("soon") is None
    assert [policy.backoff(n, None) <= policy.max_delay for n in range(1, 8)] == [True] * 7


def test_500_then_success_is_retried(fake: FakeBitbucket, policy: RetryPolicy) -> None:
    fake.inject(Fault("status", path_contains="/pullrequests/", status=500, times=2))
    with _token_client(fake, policy) as client:
        _get_pr(client)
    assert [seen.status for seen in fake.calls("GET", PR_PATH)] == [500, 500, 200]


def test_persistent_5xx_gives_up_after_the_attempts(
    fake: FakeBitbucket, policy: RetryPolicy
) -> None:
    fake.inject(Fault("status", path_contains="/pullrequests/", status=503, times=99))
    with _token_client(fake, policy) as client, pytest.raises(PublishError) as caught:
        _get_pr(client)
    assert len(fake.calls("GET", PR_PATH)) == policy.attempts
    assert "HTTP 503" in str(caught.value) and f"{policy.attempts} attempts" in str(caught.value)


def test_slow_answer_times_out_and_is_retried(fake: FakeBitbucket, sleeps: Sleeps) -> None:
    policy = RetryPolicy(attempts=3, initial_delay=0.01, timeout=0.3, sleep=sleeps)
    fake.inject(Fault("slow", path_contains="/pullrequests/", delay=1.0))
    with _token_client(fake, policy) as client:
        assert _get_pr(client)["id"] == PR_ID  # type: ignore[index]
    assert len(fake.calls("GET", PR_PATH)) == 2
    assert len(sleeps) == 1


def test_always_slow_is_a_publish_error(fake: FakeBitbucket, sleeps: Sleeps) -> None:
    policy = RetryPolicy(attempts=2, initial_delay=0.01, timeout=0.2, sleep=sleeps)
    fake.inject(Fault("slow", path_contains="/pullrequests/", delay=0.6, times=2))
    with _token_client(fake, policy) as client, pytest.raises(PublishError) as caught:
        _get_pr(client)
    assert "did not answer" in str(caught.value)
    assert len(fake.calls("GET", PR_PATH)) == 2


def test_malformed_json_is_an_error_not_a_crash(fake: FakeBitbucket, policy: RetryPolicy) -> None:
    fake.inject(Fault("malformed", path_contains="/pullrequests/"))
    with _token_client(fake, policy) as client, pytest.raises(PublishError) as caught:
        _get_pr(client)
    assert "not JSON" in str(caught.value)
    assert len(fake.calls("GET", PR_PATH)) == 1


def test_401_names_the_variable_and_hides_the_secret(
    fake: FakeBitbucket, policy: RetryPolicy
) -> None:
    env = {"BITBUCKET_ACCESS_TOKEN": SECRET, "DBOPS_BITBUCKET_API_URL": fake.api_url}
    with client_from_environment(env, policy=policy) as client, pytest.raises(PublishError) as e:
        _get_pr(client)
    message = str(e.value)
    assert "HTTP 401" in message and "BITBUCKET_ACCESS_TOKEN" in message
    assert SECRET not in message and SECRET not in repr(client.credentials)


def test_403_names_the_missing_scope(fake: FakeBitbucket, policy: RetryPolicy) -> None:
    client = _token_client(fake, policy, scopes={"pipeline"})
    with client, pytest.raises(PublishError) as caught:
        _get_pr(client)
    assert "HTTP 403" in str(caught.value) and "'pullrequest' scope" in str(caught.value)


def test_404_names_the_pull_request(fake: FakeBitbucket, policy: RetryPolicy) -> None:
    with _token_client(fake, policy) as client, pytest.raises(PublishError) as caught:
        client.get(
            "/repositories/acme/app/pullrequests/999",
            what="pull request #999 of acme/app",
            scope="pullrequest",
        )
    message = str(caught.value)
    assert "pull request #999 of acme/app" in message and "BITBUCKET_PR_ID" in message


def test_basic_api_token_auth(fake: FakeBitbucket, policy: RetryPolicy) -> None:
    fake.basic_users[("dev@example.com", SECRET)] = frozenset({"pullrequest"})
    env = {
        "BITBUCKET_USERNAME": "dev@example.com",
        "BITBUCKET_API_TOKEN": SECRET,
        "DBOPS_BITBUCKET_API_URL": fake.api_url,
    }
    with client_from_environment(env, policy=policy) as client:
        _get_pr(client)
    assert fake.calls("GET", PR_PATH)[0].auth == "basic:dev@example.com"


def test_oauth_client_credentials_fetches_once_and_refreshes_on_expiry(
    fake: FakeBitbucket, policy: RetryPolicy
) -> None:
    fake.oauth_clients[("consumer-key", SECRET)] = frozenset({"pullrequest"})
    env = {
        "BITBUCKET_OAUTH_CLIENT_ID": "consumer-key",
        "BITBUCKET_OAUTH_CLIENT_SECRET": SECRET,
        "DBOPS_BITBUCKET_OAUTH_URL": fake.token_url,
        "DBOPS_BITBUCKET_API_URL": fake.api_url,
    }
    with client_from_environment(env, policy=policy) as client:
        _get_pr(client)
        _get_pr(client)
        assert len(fake.calls("POST", "/site/oauth2/access_token")) == 1
        fake.expire_oauth_tokens()  # as an hour later: the old token now gets a 401
        _get_pr(client)
    assert len(fake.calls("POST", "/site/oauth2/access_token")) == 2
    assert [seen.status for seen in fake.calls("GET", PR_PATH)] == [200, 200, 401, 200]
    assert all(seen.auth and seen.auth.startswith("bearer:oauth-") for seen in fake.calls("GET"))


def test_oauth_wrong_secret_names_the_variables(fake: FakeBitbucket, policy: RetryPolicy) -> None:
    fake.oauth_clients[("consumer-key", "right")] = frozenset({"pullrequest"})
    env = {
        "BITBUCKET_OAUTH_CLIENT_ID": "consumer-key",
        "BITBUCKET_OAUTH_CLIENT_SECRET": SECRET,
        "DBOPS_BITBUCKET_OAUTH_URL": fake.token_url,
        "DBOPS_BITBUCKET_API_URL": fake.api_url,
    }
    with client_from_environment(env, policy=policy) as client, pytest.raises(PublishError) as e:
        _get_pr(client)
    assert "BITBUCKET_OAUTH_CLIENT_SECRET" in str(e.value) and SECRET not in str(e.value)


def test_half_a_credential_pair_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as caught:
        client_from_environment({"BITBUCKET_USERNAME": "dev@example.com"})
    assert "BITBUCKET_API_TOKEN is not set" in str(caught.value)


def test_next_link_to_another_server_is_not_followed(
    fake: FakeBitbucket, policy: RetryPolicy
) -> None:
    fake.page_size = 1
    for n in range(3):
        fake.add_comment(PR_ID, f"comment {n}")
    with _token_client(fake, policy) as client:
        client.base_url = client.base_url.replace("127.0.0.1", "localhost")
        pages = client.paginate(
            f"{fake.api_url}{PR_PATH}/comments", what="comments", scope="pullrequest"
        )
        with pytest.raises(PublishError) as caught:
            list(pages)
    assert "another server" in str(caught.value)
