"""Every file dbops writes or documents installs exactly the published name at this version:
`dbops` on the package index is an unrelated project, so a bare `pip install dbops` is a bug."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from dbops import DISTRIBUTION, __version__, requirement
from dbops.scaffold.starter import SUPPORTED_DIALECTS, starter_files
from tests.conftest import REPO

# A pip requirement naming dbops in any spelling: dbops, dbops[x], dbops-gitops[x]==v ...
REQUIREMENT = re.compile(r"(?<![\w/.-])(dbops(?:[-_][\w-]+)?)(\[[\w,]+\])?(==[\w.]+)?")


def installed_requirements(text: str) -> list[str]:
    """What each `pip install` line (or additional_dependencies entry) installs by name."""
    found = []
    for line in text.splitlines():
        if "pip install" in line or "additional_dependencies" in line:
            found += [match.group(0) for match in REQUIREMENT.finditer(line.split("install")[-1])]
    return found


def documents() -> dict[str, str]:
    shipped = {
        name: (REPO / name).read_text(encoding="utf-8")
        for name in (
            "README.md",
            "docs/bytebase.md",
            "action/Dockerfile",
            "action/action.yml",
            "action/README.md",
        )
    }
    for dialect in SUPPORTED_DIALECTS:
        for name, text in starter_files(dialect).items():
            shipped[f"dbops init --dialect {dialect}: {name}"] = text
    return shipped


def test_the_package_is_the_distribution_at_this_version() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert (project["name"], project["version"]) == (DISTRIBUTION, __version__)
    assert project["scripts"]["dbops"] == "dbops.cli.app:main"
    assert requirement("postgres") == f"dbops-gitops[postgres]=={__version__}"


@pytest.mark.parametrize("name", sorted(documents()))
def test_every_install_names_the_distribution_pinned(name: str) -> None:
    text = documents()[name]
    for found in installed_requirements(text):
        assert found.startswith(DISTRIBUTION), f"{name}: installs {found!r}"
        assert found.endswith(f"=={__version__}"), f"{name}: {found!r} is not pinned"


def pipeline_texts() -> dict[str, str]:
    """Every Pipelines YAML dbops writes or documents (README and docs code blocks too)."""
    found = {}
    for name, text in documents().items():
        if name.endswith("bitbucket-pipelines.yml"):
            found[name] = text
        elif name.endswith(".md"):
            for index, block in enumerate(re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)):
                if re.search(r"^\s*pipelines:", block, re.MULTILINE):
                    found[f"{name} block {index}"] = block
    return found


def test_every_documented_pipeline_step_installs_dbops_before_using_it() -> None:
    texts = pipeline_texts()
    assert any("docs/bytebase.md" in name for name in texts)
    for name, text in texts.items():
        for script in re.findall(r"script:\n((?:[ \t]+- .*\n)+)", text):
            lines = [line.strip()[2:] for line in script.splitlines()]
            uses = [i for i, line in enumerate(lines) if re.match(r"(\w+=\S+ )*dbops ", line)]
            installs = [i for i, line in enumerate(lines) if "pip install" in line]
            assert not uses or (installs and installs[0] < uses[0]), (name, lines)


def test_the_check_catches_a_bare_name() -> None:
    assert installed_requirements('  - pip install "dbops[postgres]"') == ["dbops[postgres]"]
    assert installed_requirements("pip install dbops-gitops==0.1.0") == ["dbops-gitops==0.1.0"]


def test_pipe_image_and_action_follow_the_version() -> None:
    pipe = yaml.safe_load((REPO / "action" / "pipe.yml").read_text(encoding="utf-8"))
    assert pipe["image"].endswith(f":{__version__}")
    readme = (REPO / "action" / "README.md").read_text(encoding="utf-8")
    assert f"dbops-pipe:{__version__}" in readme and f"action@v{__version__}" in readme
