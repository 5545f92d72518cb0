"""The shipped CI files: this project's bitbucket-pipelines.yml, the one `dbops init` writes, the
Pipe (pipe.yml, README, entry script) and the GitHub Action, checked against the contracts in
../shared/contracts/formats plus what those schemas do not check."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from dbops.errors import ConfigError
from dbops.pipe import DEFAULT_TEST_RESULTS, flag, plan, values
from dbops.publish.insights import REPORT_ID
from dbops.scaffold.starter import SUPPORTED_DIALECTS, starter_files
from tests.bitbucket.conftest import COMMIT, PR_ID
from tests.conftest import REPO, write_migrations
from tests.fakes.bitbucket import FakeBitbucket

ACTION = REPO / "action"


def _schema(contracts: Path, name: str) -> dict[str, Any]:
    return json.loads((contracts / "formats" / name).read_text(encoding="utf-8"))


def _schema_errors(schema: dict[str, Any], document: Any) -> list[str]:
    validator = Draft7Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def _steps(items: list[Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for item in items:
        if "step" in item:
            found.append(item["step"])
        elif "parallel" in item:
            parallel = item["parallel"]
            found += _steps(parallel["steps"] if isinstance(parallel, dict) else parallel)
        elif "stage" in item:
            found += _steps(item["stage"]["steps"])
    return found


def _all_steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    pipelines = document["pipelines"]
    groups: list[list[Any]] = []
    if "default" in pipelines:
        groups.append(pipelines["default"])
    for kind in ("branches", "tags", "custom", "pull-requests"):
        groups += list(pipelines.get(kind, {}).values())
    return [step for group in groups for step in _steps(group)]


def _problems_the_schema_misses(schema: dict[str, Any], document: dict[str, Any]) -> list[str]:
    """Unknown keys (the schema allows any) and steps without a script."""
    parts = schema["components"]["schemas"]
    configuration = parts["pipelines_configuration"]["properties"]
    step_keys = set(parts["step_base"]["properties"]) | {"condition"}
    definition_keys = set(configuration["definitions"]["properties"]) | {"steps"}  # anchors
    problems = [f"unknown top-level key {key!r}" for key in document if key not in configuration]
    problems += [
        f"unknown definitions key {key!r}"
        for key in document.get("definitions", {})
        if key not in definition_keys
    ]
    problems += [
        f"unknown pipelines key {key!r}"
        for key in document["pipelines"]
        if key not in configuration["pipelines"]["properties"]
    ]
    for step in _all_steps(document):
        name = step.get("name", "?")
        problems += [f"step {name!r}: unknown key {key!r}" for key in step if key not in step_keys]
        script = step.get("script")
        if not (isinstance(script, list) and script and all(script)):
            problems.append(f"step {name!r} has no script")
    return problems


def _generated(dialect: str) -> str:
    return starter_files(dialect)["bitbucket-pipelines.yml"]


PIPELINES = _generated("postgres")
PIPELINE_FILES = {
    "project": lambda: (REPO / "bitbucket-pipelines.yml").read_text(encoding="utf-8"),
    **{f"dbops init --dialect {d}": lambda d=d: _generated(d) for d in SUPPORTED_DIALECTS},
}


@pytest.mark.parametrize("source", sorted(PIPELINE_FILES))
def test_pipelines_yaml_is_valid_and_has_the_expected_shape(contracts: Path, source: str) -> None:
    schema = _schema(contracts, "bitbucket-pipelines.schema.json")
    document = yaml.safe_load(PIPELINE_FILES[source]())
    assert _schema_errors(schema, document) == []
    assert _problems_the_schema_misses(schema, document) == []

    pr_steps = _steps(document["pipelines"]["pull-requests"]["**"])
    pr_script = " ".join(line for step in pr_steps for line in step["script"])
    assert "dbops check" in pr_script and "--output test-results/" in pr_script
    assert any(step.get("clone", {}).get("depth") == "full" for step in pr_steps)

    main = _steps(document["pipelines"]["branches"]["main"])
    deployments = {step["deployment"]: step for step in main if "deployment" in step}
    assert deployments["test"].get("trigger", "automatic") == "automatic"
    assert deployments["production"]["trigger"] == "manual"
    assert "--env prod" in " ".join(deployments["production"]["script"])


def test_the_misspelling_check_bites(contracts: Path) -> None:
    schema = _schema(contracts, "bitbucket-pipelines.schema.json")
    document = yaml.safe_load(PIPELINES)
    step = _steps(document["pipelines"]["pull-requests"]["**"])[0]
    step["scirpt"] = step.pop("script")
    assert _schema_errors(schema, document) == []  # the schema alone lets this through
    problems = _problems_the_schema_misses(schema, document)
    assert any("scirpt" in problem for problem in problems)
    assert any("has no script" in problem for problem in problems)


def test_project_pipeline_dogfoods_the_examples() -> None:
    text = (REPO / "bitbucket-pipelines.yml").read_text(encoding="utf-8")
    assert "--config examples/dbops.yaml" in text
    assert (REPO / "examples" / "dbops.yaml").is_file()


def test_github_action_is_valid(contracts: Path) -> None:
    schema = _schema(contracts, "github-action.schema.json")
    action = yaml.safe_load((ACTION / "action.yml").read_text(encoding="utf-8"))
    assert _schema_errors(schema, action) == []
    run = " ".join(step.get("run", "") for step in action["runs"]["steps"])
    assert "python -m dbops.pipe" in run


def test_pipe_metadata_and_readme_cover_every_variable() -> None:
    pipe = yaml.safe_load((ACTION / "pipe.yml").read_text(encoding="utf-8"))
    assert {"name", "image", "description"} <= set(pipe)
    assert re.search(r":\d+\.\d+\.\d+$", pipe["image"]), "image tag must be a semver"
    names = [variable["name"] for variable in pipe["variables"]]
    assert len(names) == len(set(names))
    readme = (ACTION / "README.md").read_text(encoding="utf-8")
    table = [line for line in readme.splitlines() if line.startswith("| `")]
    for name in names:
        assert any(f"`{name}`" in line for line in table), f"{name} missing from README table"
    dockerfile = (ACTION / "Dockerfile").read_text(encoding="utf-8")
    assert 'ENTRYPOINT ["python", "-m", "dbops.pipe"]' in dockerfile


def test_pipe_variables_map_to_check_options() -> None:
    run = plan(
        {
            "CONFIG": "db/dbops.yaml",
            "POLICY": "strict",
            "SELECT": "column-no-null",
            "CHANGED": "true",
            "BITBUCKET_PR_DESTINATION_BRANCH": "main",
            "MIGRATIONS_COUNT": "2",
            "MIGRATIONS_0": "db/migrations",
            "MIGRATIONS_1": "db/more migrations",
            "EXTRA_ARGS": "--quiet --no-color",
            "PUBLISH": "false",
            "BITBUCKET_CLONE_DIR": "/opt/atlassian/pipelines/agent/build",
        }
    )
    options = [
        "--config", "db/dbops.yaml", "--policy", "strict", "--select", "column-no-null",
        "--changed", "--base", "origin/main", "--quiet", "--no-color",
    ]  # fmt: skip
    paths = ["db/migrations", "db/more migrations"]
    junit = ["--format", "junit", "--output", DEFAULT_TEST_RESULTS, "--no-publish"]
    assert run.commands == (
        ("check", *paths, *options, *junit),
        ("check", *paths, *options, "--no-publish"),
    )
    assert run.directory == "/opt/atlassian/pipelines/agent/build"
    assert plan({"TEST_RESULTS": "false"}).commands == (("check",),)


def test_pipe_variable_mistakes_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="CHANGED"):
        flag({"CHANGED": "maybe"}, "CHANGED", False)
    with pytest.raises(ConfigError, match="EXTRA_ARGS_COUNT"):
        values({"EXTRA_ARGS_COUNT": "x"}, "EXTRA_ARGS")


def test_pipe_runs_in_a_pull_request_pipeline_through_the_proxy(
    project: Path,
    fake: FakeBitbucket,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from dbops import pipe

    write_migrations(project, {"001_t.sql": "CREATE TABLE t (id bigint PRIMARY KEY, a text);\n"})
    for name, value in {
        "BITBUCKET_CLONE_DIR": str(project),
        "BITBUCKET_BUILD_NUMBER": "7",
        "BITBUCKET_PR_ID": str(PR_ID),
        "BITBUCKET_WORKSPACE": "acme",
        "BITBUCKET_REPO_SLUG": "app",
        "BITBUCKET_COMMIT": COMMIT,
        "DBOPS_BITBUCKET_PROXY": fake.proxy_url,
        "DBOPS_BITBUCKET_API_URL": fake.api_url,
        "SELECT": "column-no-null",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(REPO)
    assert pipe.main() == 1
    captured = capsys.readouterr()
    assert "column-no-null" in captured.out
    assert "no Bitbucket credentials" in captured.err
    assert (project / DEFAULT_TEST_RESULTS).is_file()
    assert fake.report(COMMIT, REPORT_ID)["result"] == "FAILED"  # type: ignore[index]
    assert len(fake.annotations(COMMIT, REPORT_ID)) == 1
    assert all(seen.proxied for seen in fake.requests)


def test_pipe_stops_on_a_bad_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dbops import pipe

    monkeypatch.setenv("PUBLISH", "sometimes")
    assert pipe.main(run=lambda argv: pytest.fail("must not run")) == 2
    assert "PUBLISH" in capsys.readouterr().err
