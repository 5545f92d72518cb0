"""The starter repository `dbops init` writes: a project that passes `dbops check` as written."""

from __future__ import annotations

from dbops import __version__

DBOPS_YAML = """\
# dbops project config: https://github.com/dbops/dbops (run `dbops config schema` for editors)
migrations: migrations
dialect: {dialect}
review:
  policy: default        # or strict, bytebase-prod, or a path to your own policy YAML
  fail_on: error         # error | warning | never
environments:            # ordered: promotion goes top to bottom
  test:
    targets:
      - {{name: test, url: "${{TEST_DATABASE_URL:-sqlite:///test.db}}"}}
  prod:
    requires: [test]     # the release must be fully applied in test first
    review: {{policy: strict}}
    targets:
      - {{name: prod, url: "${{PROD_DATABASE_URL}}"}}
"""

FIRST_MIGRATION = """\
-- The first migration: dbops applies files in version order, each exactly once.
CREATE TABLE app_user (
  id bigint PRIMARY KEY,
  email {text_type} NOT NULL,
  created_at {timestamp_type} NOT NULL DEFAULT CURRENT_TIMESTAMP
);
"""

# PostgreSQL's `timestamp` drops the time zone (prefer-timestamp-tz); MySQL has no timestamptz,
# and its own `timestamp` is the usual choice. SQLite has no date or varchar types at all
# (sqlite-type-affinity): CURRENT_TIMESTAMP stores ISO-8601 text, and text has no length.
# PostgreSQL's varchar(n) limit cannot be changed without an ACCESS EXCLUSIVE lock
# (prefer-text-field): text it is.
TIMESTAMP_TYPE = {"postgres": "timestamptz", "sqlite": "text"}
TEXT_TYPE = {"postgres": "text", "sqlite": "text"}

PRE_COMMIT_CONFIG = f"""\
repos:
  - repo: https://github.com/dbops/dbops
    rev: v{__version__}
    hooks:
      - id: dbops-check
"""

PIPELINES = """\
# dbops: review migrations on every pull request, roll them out on merge.
# For the PR comment, add a secured repository variable BITBUCKET_ACCESS_TOKEN: a repository
# access token with the pullrequest scope. Code Insights need nothing (the Pipelines proxy).
image: python:3.12

definitions:
  caches:
    dbops-pip: ~/.cache/pip

pipelines:
  pull-requests:
    '**':
      - step:
          name: Review migrations
          caches: [dbops-pip]
          clone:
            depth: full
          script:
            - pip install dbops
            - git fetch origin "${BITBUCKET_PR_DESTINATION_BRANCH}"
            # JUnit for the Tests tab (findings, exit 1, are left to the next command)
            - dbops check --changed --base "origin/${BITBUCKET_PR_DESTINATION_BRANCH}" --format junit --output test-results/dbops.xml --no-publish || [ $? -eq 1 ]
            # findings in the log, one PR comment kept up to date, Code Insights annotations
            - dbops check --changed --base "origin/${BITBUCKET_PR_DESTINATION_BRANCH}"
  branches:
    main:
      - step:
          name: Release
          caches: [dbops-pip]
          script:
            - pip install dbops
            - dbops release create --output release.json
          artifacts:
            - release.json
      - step:
          name: Roll out to test
          deployment: test
          caches: [dbops-pip]
          script:
            - pip install "dbops[postgres,mysql]"
            - dbops rollout --env test --release release.json
      - step:
          name: Roll out to prod
          deployment: production
          trigger: manual
          caches: [dbops-pip]
          script:
            - pip install "dbops[postgres,mysql]"
            - dbops rollout --env prod --release release.json
"""


FIRST_MIGRATION_PATH = "migrations/000001_create_app_user.sql"


def starter_files(dialect: str) -> dict[str, str]:
    """Relative path -> content of every file `dbops init` writes."""
    return {
        "dbops.yaml": DBOPS_YAML.format(dialect=dialect),
        FIRST_MIGRATION_PATH: FIRST_MIGRATION.format(
            timestamp_type=TIMESTAMP_TYPE.get(dialect, "timestamp"),
            text_type=TEXT_TYPE.get(dialect, "varchar(320)"),
        ),
        "bitbucket-pipelines.yml": PIPELINES,
        ".pre-commit-config.yaml": PRE_COMMIT_CONFIG,
    }
