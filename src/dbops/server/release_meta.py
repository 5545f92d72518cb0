"""What dbops tells Bytebase about a release: its id template and where it came from.
Pure: the environment is passed in."""

from __future__ import annotations

from collections.abc import Mapping

from dbops.adapters.bytebase.models import VcsSource


def short_commit(environ: Mapping[str, str]) -> str:
    return environ.get("BITBUCKET_COMMIT", "")[:7]


def render_release_template(template: str | None, environ: Mapping[str, str]) -> str | None:
    """dbops adds `{commit}` (7 characters, `local` outside Pipelines) to the variables Bytebase
    fills in itself ({date}, {time}, {timestamp}, {iteration})."""
    if not template:
        return None
    return template.replace("{commit}", short_commit(environ) or "local")


def vcs_source(environ: Mapping[str, str]) -> VcsSource | None:
    """The Bitbucket commit the release is built from, when running in Pipelines."""
    commit = environ.get("BITBUCKET_COMMIT", "")
    origin = environ.get("BITBUCKET_GIT_HTTP_ORIGIN", "")
    if not origin and environ.get("BITBUCKET_WORKSPACE") and environ.get("BITBUCKET_REPO_SLUG"):
        origin = (
            f"https://bitbucket.org/{environ['BITBUCKET_WORKSPACE']}/"
            f"{environ['BITBUCKET_REPO_SLUG']}"
        )
    if not commit or not origin:
        return None
    origin = origin.rstrip("/").removesuffix(".git").replace("http://", "https://", 1)
    return VcsSource(vcs_type="BITBUCKET", url=f"{origin}/commits/{commit}")
