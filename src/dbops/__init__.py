"""dbops: database GitOps for SQL migrations kept in Bitbucket."""

from __future__ import annotations

# The distribution's name on the package index: `dbops` there is an unrelated project.
DISTRIBUTION = "dbops-gitops"
__version__ = "0.2.0"


def requirement(extras: str = "") -> str:
    """What to pip-install for this exact dbops: `dbops-gitops[postgres]==0.2.0`."""
    return f"{DISTRIBUTION}{f'[{extras}]' if extras else ''}=={__version__}"
