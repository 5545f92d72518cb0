"""Every environment's verdict on the same change, so that a pull request shows what prod's
stricter review says before the merge, not at deploy time ("test: passes · prod: blocked by
policy strict: 2 errors")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EnvironmentVerdict:
    """The review of the change under one environment's `review:` settings."""

    environment: str
    policy: str
    fail_on: str  # error | warning | never
    server: str  # the server the locks were judged for: "PostgreSQL 17"
    errors: int
    warnings: int
    exit_code: int  # the exit code `dbops check --env <environment>` would have

    @property
    def passes(self) -> bool:
        return self.exit_code == 0

    def describe(self) -> str:
        """`passes`, `passes with 2 warnings`, `blocked by policy strict: 2 errors`."""
        if self.exit_code == 2:
            return f"incomplete under policy {self.policy}: a rule failed (internal error)"
        counted = _counts(self.errors, self.warnings)
        if self.passes:
            if not counted:
                return "passes"
            shown = f"passes with {counted}"
            return f"{shown} (fail_on: never)" if self.fail_on == "never" and self.errors else shown
        blocking = counted if self.fail_on == "warning" else _count(self.errors, "error")
        return f"blocked by policy {self.policy}: {blocking}"


def _counts(errors: int, warnings: int) -> str:
    parts = [_count(n, noun) for n, noun in ((errors, "error"), (warnings, "warning")) if n]
    return " and ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
