"""dbops: database GitOps for SQL migrations kept in Bitbucket."""

from __future__ import annotations

__version__ = "0.1.0"
