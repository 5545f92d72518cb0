"""The one error hierarchy of dbops.

Findings of a review are data, never exceptions. Exceptions are for what stops a command::

    DbopsError                      exit 2 unless a subclass says otherwise
    ├── ConfigError                 dbops.yaml, policy files, environment variables
    ├── InputError                  migration files: names, versions, encoding, release manifests
    ├── UsageError                  command-line options that do not fit together
    ├── PublishError                talking to Bitbucket failed (never changes a review's exit code)
    ├── ServerError                 talking to a change-management server (Bytebase) failed
    ├── DatabaseError               a target database refused a connection or a statement
    ├── GateError                   exit 3: an approval or promotion gate is not satisfied
    └── RolloutFailed               exit 1: a rollout ran and at least one target failed

Every message is one paragraph that names the file, line or key concerned and says what to do.
Messages never contain secrets: adapters mask credentials before raising.
"""

from __future__ import annotations


class DbopsError(Exception):
    """Base class: a failure the user can act on, shown without a traceback."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(DbopsError):
    """dbops.yaml, a policy file or an environment variable is wrong."""


class InputError(DbopsError):
    """A migration file or release manifest cannot be used as it is."""


class UsageError(DbopsError):
    """Command-line options that cannot be honoured."""


class PublishError(DbopsError):
    """Publishing to Bitbucket failed; reported, never changes a review's exit code."""


class ServerError(DbopsError):
    """A change-management server (Bytebase) refused or failed a request."""


class DatabaseError(DbopsError):
    """A target database could not be reached or refused a statement."""


class GateError(DbopsError):
    """An approval or promotion gate is not satisfied; nothing was applied."""

    exit_code = 3


class RolloutFailed(DbopsError):
    """A rollout ran and at least one target failed."""

    exit_code = 1
