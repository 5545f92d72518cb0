#!/bin/sh
# The whole fault and bad-input campaign (the default test run runs a sample of it).
# Needs DBOPS_TEST_POSTGRES_URL and DBOPS_TEST_MYSQL_URL for the server cases.
set -eu
cd "$(dirname "$0")/.."
DBOPS_FAULT_CAMPAIGN=1 exec "${PYTHON:-.venv/bin/python}" -m pytest -q -p no:cacheprovider tests/faults "$@"
