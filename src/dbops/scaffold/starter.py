"""The starter repository `dbops init` writes: a project that passes `dbops check` as written,
and a Bitbucket pipeline whose every step runs as generated (a real database of the project's
engine for the review and the test deployment, prod behind a manual deployment step)."""

from __future__ import annotations

from dataclasses import dataclass

from dbops import requirement

DBOPS_YAML = """\
# dbops project config (run `dbops config schema` for editors)
migrations: {migrations}
dialect: {dialect}
strict_engine: true      # refuse a target whose engine is not {engine} (as --strict-engine)
review:
  policy: default        # or strict, bytebase-prod, or a path to your own policy YAML
  fail_on: error         # error | warning | never
environments:            # ordered: promotion goes top to bottom
  test:
    targets:
      # without TEST_DATABASE_URL: the database service of the pipeline step
      - {{name: test, url: "${{TEST_DATABASE_URL:-{test_url}}}"}}
  prod:
    requires: [test]     # the release must be fully applied in test first
    review: {{policy: strict}}
    only_in_pipelines: true  # changed only from the manual deployment step of the pipeline
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

# A `repo: local` hook: pre-commit installs dbops from the package index into the hook's own
# environment, at the version that wrote this file (no git repository or tag to resolve).
PRE_COMMIT_CONFIG = """\
repos:
  - repo: local
    hooks:
      - id: dbops-check
        name: dbops check
        entry: dbops check
        language: python
        additional_dependencies: ["{requirement}"]
        files: \\.sql$
        exclude: \\.down\\.sql$
        pass_filenames: true
        require_serial: true
"""


@dataclass(frozen=True)
class Engine:
    """What the pipeline needs to give a step a real database of one engine."""

    name: str  # as people say it
    extras: str  # the dbops extras with its driver
    service: str  # the Pipelines service name ('' for SQLite: a file, no service)
    service_yaml: str  # its definitions.services entry
    test_url: str  # the service's database, as the step sees it


SERVICE_DATABASE = "dbops_test"
ENGINES = {
    "postgres": Engine(
        "PostgreSQL",
        "postgres",
        "postgres",
        f"""\
    postgres:
      image: postgres:16
      variables:
        POSTGRES_DB: {SERVICE_DATABASE}
        POSTGRES_HOST_AUTH_METHOD: trust
""",
        f"postgresql://postgres@127.0.0.1:5432/{SERVICE_DATABASE}",
    ),
    "mysql": Engine(
        "MySQL",
        "mysql",
        "mysql",
        f"""\
    mysql:
      image: mysql:8.4
      variables:
        MYSQL_DATABASE: {SERVICE_DATABASE}
        MYSQL_ALLOW_EMPTY_PASSWORD: "yes"
""",
        f"mysql://root@127.0.0.1:3306/{SERVICE_DATABASE}",
    ),
    "mariadb": Engine(
        "MariaDB",
        "mysql",
        "mariadb",
        f"""\
    mariadb:
      image: mariadb:11
      variables:
        MARIADB_DATABASE: {SERVICE_DATABASE}
        MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: "yes"
""",
        f"mysql://root@127.0.0.1:3306/{SERVICE_DATABASE}",
    ),
    "sqlite": Engine("SQLite", "", "", "", "sqlite:///test.db"),
}
SUPPORTED_DIALECTS = tuple(ENGINES)

PIPELINES = """\
# dbops: review migrations on every pull request, roll them out on merge.
# Variables (Repository settings > Repository variables / Deployments), all secured:
#   BITBUCKET_ACCESS_TOKEN  repository variable: a repository access token with the
#                           pullrequest scope, for the PR comment (Code Insights need nothing)
#   TEST_DATABASE_URL       repository variable: the test database (prod's `requires: [test]`
#                           gate reads it); unset, the test step uses its own {engine} service
#   PROD_DATABASE_URL       deployment variable of production
#   SHADOW_DATABASE_URL     optional: a server where the review applies the migrations in a
#                           throwaway database it creates and drops; unset: {shadow_default}
image: python:3.12

definitions:
  caches:
    dbops-pip: ~/.cache/pip
    dbops-review: ~/.cache/dbops  # dbops' result cache: unchanged migrations are not re-reviewed
{services}
pipelines:
  pull-requests:
    '**':
      - step:
          name: Review migrations
          caches: [dbops-pip, dbops-review]{step_services}
          clone:
            depth: full  # --changed compares with the destination branch: full history
          script:
            - pip install "{install}"
            - git fetch origin "${{BITBUCKET_PR_DESTINATION_BRANCH}}"
            # JUnit for the Tests tab (findings, exit 1, are left to the next command)
            # --shadow: the history and the changed migrations applied in a throwaway database
            # (runtime errors at file:line; on PostgreSQL the locks taken, beside the model's)
            - dbops check --changed --base "origin/${{BITBUCKET_PR_DESTINATION_BRANCH}}" --shadow "{shadow}" --format junit --output test-results/dbops.xml --no-publish || [ $? -eq 1 ]
            # findings in the log, one PR comment kept up to date, Code Insights annotations
            - dbops check --changed --base "origin/${{BITBUCKET_PR_DESTINATION_BRANCH}}" --shadow "{shadow}"
            # what the test environment would get, read from a real {engine} (changes nothing)
            - dbops plan --env test --strict-engine
  branches:
    main:
      - step:
          name: Release
          caches: [dbops-pip]
          script:
            - pip install "{install}"
            - dbops release create --output release.json
          artifacts:
            - release.json
      - step:
          name: Roll out to test
          deployment: test
          caches: [dbops-pip]{step_services}
          script:
            - pip install "{install}"
            - dbops rollout --env test --release release.json --strict-engine
      - step:
          name: Roll out to prod
          deployment: production
          trigger: manual
          caches: [dbops-pip]
          script:
            - pip install "{install}"
            - dbops rollout --env prod --release release.json --strict-engine
"""

GITIGNORE_ENTRIES = ("test.db", "release.json", "test-results/")

NEXT_STEPS = """\
Next steps:
  1. Commit these files and push; open a pull request that adds a migration
     (`dbops new "add orders table"`): the review comments on it.
  2. In Bitbucket, Repository settings:
     - Pipelines > Settings: enable Pipelines.
     - Repository variables (secured): BITBUCKET_ACCESS_TOKEN, a repository access token with
       the pullrequest scope, for the PR comment (without it only the comment is skipped).
     - Repository variables (secured): TEST_DATABASE_URL, your test {engine} database,
       e.g. {example_url}
       (prod's `requires: [test]` gate reads it). Unset, the test step rolls out to its own
       throwaway {engine} service: that proves the release applies, but leaves prod's gate
       nothing to read.
     - Deployments > production (secured): PROD_DATABASE_URL.
  3. Merge: the release rolls out to test; run the manual "Roll out to prod" step.
  Locally: `pre-commit install` runs `dbops check` on staged migrations.
"""


def starter_files(
    dialect: str, migrations: str = "migrations", layout: str | None = None
) -> dict[str, str]:
    """Relative path -> content of every file `dbops init` writes, for a supported dialect;
    `layout`: the one an existing migrations folder is in (written down, not re-detected)."""
    engine = ENGINES[dialect]
    folder = f"{{path: {migrations}, layout: {layout}}}" if layout else migrations
    install = requirement(engine.extras)
    services = f"  services:\n{engine.service_yaml}" if engine.service else ""
    step_services = f"\n          services: [{engine.service}]" if engine.service else ""
    return {
        "dbops.yaml": DBOPS_YAML.format(
            migrations=folder, dialect=dialect, engine=engine.name, test_url=engine.test_url
        ),
        f"{migrations}/{FIRST_MIGRATION_NAME}": FIRST_MIGRATION.format(
            timestamp_type=TIMESTAMP_TYPE.get(dialect, "timestamp"),
            text_type=TEXT_TYPE.get(dialect, "varchar(320)"),
        ),
        "bitbucket-pipelines.yml": PIPELINES.format(
            engine=engine.name,
            install=install,
            services=services,
            step_services=step_services,
            shadow=_shadow_url(engine),
            shadow_default=(
                f"the step's own {engine.name} service" if engine.service else "SQLite in memory"
            ),
        ),
        ".pre-commit-config.yaml": PRE_COMMIT_CONFIG.format(requirement=requirement()),
    }


def _shadow_url(engine: Engine) -> str:
    """The review's shadow: beside the step's database service (SQLite: in memory)."""
    if not engine.service:
        return "sqlite://"
    return f"${{SHADOW_DATABASE_URL:-{engine.test_url}}}"


def next_steps(dialect: str) -> str:
    engine = ENGINES[dialect]
    example = {
        "postgres": "postgresql://user:password@host:5432/app_test",
        "sqlite": "sqlite:////srv/app_test.db",
    }.get(dialect, "mysql://user:password@host:3306/app_test")
    return NEXT_STEPS.format(engine=engine.name, example_url=example)


def gitignore_with_entries(current: str) -> str | None:
    """`.gitignore` with dbops' generated files added, or None when it already has them."""
    present = {line.strip() for line in current.splitlines()}
    missing = [entry for entry in GITIGNORE_ENTRIES if entry not in present]
    if not missing:
        return None
    prefix = current if not current or current.endswith("\n") else current + "\n"
    return (
        prefix
        + "# dbops: local SQLite test database, release manifests, reports\n"
        + ("".join(f"{entry}\n" for entry in missing))
    )


FIRST_MIGRATION_NAME = "000001_create_app_user.sql"
# The tool whose history `dbops import-history --from` reads, for a folder in its layout.
HISTORY_TOOL = {
    "flyway": "flyway",
    "golang-migrate": "golang-migrate",
    "dbmate": "dbmate",
    "diesel": "diesel",
    "liquibase-sql": "liquibase",
}


def adoption_steps(layout: str, count: int, migrations: str) -> str:
    """What to run before the first rollout when the folder already holds migrations."""
    tool = HISTORY_TOOL.get(layout)
    how = (
        f"`dbops import-history --from {tool} --env test` (and --env prod) records what {tool} "
        f"applied, so nothing is applied twice"
        if tool
        else "`dbops baseline --env test --version V` (and --env prod) records every migration "
        "up to V, the version each database is at, so nothing is applied twice"
    )
    return (
        f"Kept {migrations}/ as it is: {count} migration(s) in the {layout} layout.\n"
        f"Before the first rollout to a database those migrations already ran on: {how}.\n"
    )
