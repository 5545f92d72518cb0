"""Adapters: files, environment, git, HTTP APIs and database drivers at the edge of dbops."""
