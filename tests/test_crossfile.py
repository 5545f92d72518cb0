"""Cross-file checks against the base branch (core/crossfile.py): pure, no git."""

from __future__ import annotations

from dbops.core.crossfile import (
    CHECKSUM_CHANGED,
    OUT_OF_ORDER,
    cross_file_findings,
    cross_file_review,
)
from dbops.core.findings import Level
from dbops.core.migrations import MigrationFile, MigrationSet, read_migration
from dbops.core.policy import ActivePolicy, RuleSetting, activate, default_settings
from dbops.core.review import review
from dbops.core.versions import Version, parse_version
from dbops.rules.registry import lookup_rule

CLEAN = "CREATE TABLE {name} (id bigint PRIMARY KEY);\n"


def _file(name: str, text: str | None = None) -> MigrationFile:
    body = text if text is not None else CLEAN.format(name=f"t{name.split('_', maxsplit=1)[0]}")
    return read_migration(f"migrations/{name}", name, body.encode())


def _base(*files: MigrationFile) -> dict[str, tuple[Version, str]]:
    return {file.path: (file.version, file.checksum) for file in files}


def _policy(**levels: Level | None) -> ActivePolicy:
    settings = default_settings()
    for name, level in levels.items():
        rule = lookup_rule(name.replace("_", "-"))
        assert rule is not None, name
        settings[rule] = RuleSetting(level=level, origin="test")
    return activate("test", settings)


def _rules(found: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(finding.rule, finding.file) for finding in found]


def test_both_rules_are_registered_errors_with_docs() -> None:
    for name in (OUT_OF_ORDER, CHECKSUM_CHANGED):
        rule = lookup_rule(name)
        assert rule is not None and rule.default_level == Level.ERROR
        assert "## Why is this bad?" in rule.documentation()
        assert rule.summary().startswith("Reports a migration")


def test_new_migration_below_the_newest_on_base_is_out_of_order() -> None:
    merged = [_file("10_a.sql"), _file("30_c.sql")]
    current = MigrationSet.of([*merged, _file("20_b.sql"), _file("40_d.sql")])
    found, _ = cross_file_findings(current, _base(*merged), _policy())
    assert _rules(found) == [(OUT_OF_ORDER, "migrations/20_b.sql")]
    (finding,) = found
    assert (finding.level, finding.line, finding.column) == (Level.ERROR, 1, 1)
    assert "30" in finding.message and "migrations/30_c.sql" in finding.message


def test_versions_compare_as_numbers_not_text() -> None:
    merged = [_file("V1_9__a.sql")]
    current = MigrationSet.of([*merged, _file("V1_10__b.sql")])
    assert parse_version("V1_10__b.sql") > parse_version("V1_9__a.sql")  # type: ignore[operator]
    assert cross_file_findings(current, _base(*merged), _policy())[0] == []


def test_changed_content_of_a_merged_migration() -> None:
    original = _file("10_a.sql")
    edited = _file("10_a.sql", "CREATE TABLE t10 (id bigint PRIMARY KEY, x bigint NOT NULL);\n")
    found, _ = cross_file_findings(MigrationSet.of([edited]), _base(original), _policy())
    assert _rules(found) == [(CHECKSUM_CHANGED, "migrations/10_a.sql")]
    assert original.checksum.removeprefix("sha256:")[:12] in found[0].message


def test_unchanged_and_renamed_merged_migrations_are_fine() -> None:
    original = _file("10_a.sql")
    renamed = read_migration(
        "migrations/10_create_a.sql", "10_create_a.sql", CLEAN.format(name="t10").encode()
    )
    assert renamed.checksum == original.checksum
    for current in (MigrationSet.of([original]), MigrationSet.of([renamed])):
        assert cross_file_findings(current, _base(original), _policy())[0] == []


def test_a_renamed_and_edited_migration_names_the_base_file() -> None:
    original = _file("10_a.sql")
    edited = read_migration("migrations/10_b.sql", "10_b.sql", b"SELECT 1;\n")
    found, _ = cross_file_findings(MigrationSet.of([edited]), _base(original), _policy())
    assert _rules(found) == [(CHECKSUM_CHANGED, "migrations/10_b.sql")]
    assert "migrations/10_a.sql" in found[0].message


def test_empty_base_branch_has_nothing_out_of_order() -> None:
    current = MigrationSet.of([_file("1_a.sql"), _file("2_b.sql")])
    assert cross_file_findings(current, {}, _policy())[0] == []


def test_policy_levels_apply_and_off_disables() -> None:
    merged = [_file("30_c.sql")]
    current = MigrationSet.of([*merged, _file("20_b.sql")])
    warned, _ = cross_file_findings(
        current, _base(*merged), _policy(migration_out_of_order=Level.WARNING)
    )
    assert [finding.level for finding in warned] == [Level.WARNING]
    off, _ = cross_file_findings(current, _base(*merged), _policy(migration_out_of_order=None))
    assert off == []


def test_only_selected_files_are_judged() -> None:
    merged = [_file("30_c.sql")]
    current = MigrationSet.of([*merged, _file("10_a.sql"), _file("20_b.sql")])
    found, _ = cross_file_findings(current, _base(*merged), _policy(), {"migrations/20_b.sql"})
    assert _rules(found) == [(OUT_OF_ORDER, "migrations/20_b.sql")]


def _reviewed(current: MigrationSet, base: dict[str, tuple[Version, str]] | None):
    policy = _policy()
    return cross_file_review(review(current, policy, "postgres"), current, base, policy)


def test_a_header_ignore_suppresses_and_is_not_called_unused() -> None:
    merged = [_file("30_c.sql")]
    late = _file(
        "20_b.sql",
        "-- backported hotfix, applied by hand everywhere\n"
        "-- dbops:ignore migration-out-of-order\n" + CLEAN.format(name="t20"),
    )
    current = MigrationSet.of([*merged, late])
    with_base = _reviewed(current, _base(*merged))
    assert with_base.findings == ()
    without_base = _reviewed(current, None)  # no --base: nobody can say the ignore is unused
    assert without_base.findings == ()


def test_an_ignore_that_suppresses_nothing_is_reported_when_compared() -> None:
    merged = [_file("10_a.sql")]
    fine = _file("20_b.sql", "-- dbops:ignore migration-out-of-order\n" + CLEAN.format(name="t20"))
    current = MigrationSet.of([*merged, fine])
    result = _reviewed(current, _base(*merged))
    assert [(f.rule, f.file, f.line) for f in result.findings] == [
        ("unused-ignore", "migrations/20_b.sql", 1)
    ]
    assert [f.rule for f in result.files[1].findings] == ["unused-ignore"]


def test_other_unused_ignores_are_left_to_the_engine() -> None:
    stale = _file("10_a.sql", "-- dbops:ignore ban-drop-column\n" + CLEAN.format(name="t10"))
    result = _reviewed(MigrationSet.of([stale]), None)
    assert [f.rule for f in result.findings] == ["unused-ignore"]


def test_cross_file_findings_land_in_the_file_review() -> None:
    original = _file("10_a.sql")
    edited = _file("10_a.sql", "CREATE TABLE t10 (id bigint PRIMARY KEY, x bigint NOT NULL);\n")
    result = _reviewed(MigrationSet.of([edited]), _base(original))
    assert result.errors == 1 and result.exit_code("error") == 1
    assert [f.rule for f in result.files[0].findings] == [CHECKSUM_CHANGED]
