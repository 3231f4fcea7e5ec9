"""The lawyers' feature files, every one below ``features/``, run as tests.

One ``scenarios(...)`` call collects every ``.feature`` file; the steps come from the shared step
library ``features/dualuse_steps`` (a pytest plugin), so a new feature file needs no new Python.
The tests marked ``step_library`` check the library itself: a new feature file in a fresh folder
runs with it, a mistyped step names its line and the closest step, the vocabulary is unambiguous
and documented, and every tag names a rule.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from dualuse.cli.coverage import Coverage, ScenarioRun, render_report
from dualuse.engine import Engine, RuleInfo
from pytest_bdd import scenarios

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ROOT / "features"
FOLDERS = {
    "announcement_2026_1",
    "export_definition",
    "licensing",
    "lists",
    "liability_and_penalties",
}

if str(FEATURES) not in sys.path:
    sys.path.insert(0, str(FEATURES))
steps: ModuleType = importlib.import_module("dualuse_steps")
steps.install()  # before scenarios(): the tags must be markers by then (--strict-markers)

scenarios(".")  # relative to bdd_features_base_dir (features/): every .feature below it

pytest_plugins = ["pytester"]


# --- a new feature file runs with no new Python ---------------------------------------------------

NEW_FEATURE = """\
Feature: A feature file written today, in a folder of its own
  @ann2026_1.c1.military_user @a_tag_of_this_file_only
  Scenario: On 2 March 2026, gallium metal for the Japan Air Self-Defense Force is prohibited
    Given a transfer of gallium metal from China to the Japan Air Self-Defense Force on 2 March 2026
    When the transfer is assessed
    Then the transfer is prohibited
    And the grounds include Announcement 2026 No. 1 clause 1

  Scenario: On 2 March 2026, a mistyped step names its line and the closest step
    Given a transfer of gallium metal from China to Kansai Ceramics on 2 March 2026
    And the end user uses it in Japan
    When the transfer is assessed

  Scenario: On 2 March 2026, a mistyped phrase names its line and the closest phrase
    Given a transfer of gallium metal from China to Kansai Ceramics on 2 March 2026
    And the end use is militray

  Scenario: On 2 March 2026, a wrong expectation fails
    Given a transfer of gallium metal from China to the Japan Air Self-Defense Force on 2 March 2026
    When the transfer is assessed
    Then the transfer requires a licence
"""


@pytest.mark.step_library
def test_a_new_feature_file_runs_with_no_new_python(pytester: pytest.Pytester) -> None:
    folder = pytester.path / "new_features" / "lawyers"
    folder.mkdir(parents=True)
    (folder / "today.feature").write_text(NEW_FEATURE, encoding="utf-8")
    # This very module collects the new folder: no Python is written for the new file.
    result = pytester.runpytest_subprocess(
        str(Path(__file__)),
        "--rootdir",
        str(ROOT),
        "-o",
        f"bdd_features_base_dir={pytester.path / 'new_features'}",
        "-m",
        "not step_library",
        "--strict-markers",
        "-p",
        "no:cacheprovider",
    )
    result.assert_outcomes(passed=1, failed=3)
    out = result.stdout.str()
    assert "today.feature:11: unknown step: And the end user uses it in Japan" in out
    assert "Given the end user uses the item in Japan" in out  # the closest step
    assert "today.feature:16: unknown end use 'militray'. Did you mean 'military'?" in out
    assert "expected the outcome license_required, got prohibited" in out


# --- the vocabulary -------------------------------------------------------------------------------


@pytest.mark.step_library
def test_every_example_step_matches_exactly_one_step() -> None:
    library = importlib.import_module("dualuse_steps.library")
    for doc in library.VOCABULARY:
        for example in doc.examples:
            found = library.matching_steps(doc.kind, example)
            assert found == [doc], f"{doc.kind} {example!r} matches {[d.template for d in found]}"


@pytest.mark.step_library
def test_the_readme_lists_every_step() -> None:
    readme = importlib.import_module("dualuse_steps.readme")
    assert (FEATURES / "README.md").read_text(encoding="utf-8") == readme.render(), (
        "features/README.md is out of date: cd features && "
        "python -m dualuse_steps.readme > README.md"
    )


# --- the feature files ----------------------------------------------------------------------------

SCENARIO_LINE = re.compile(r"^\s*(Scenario|Scenario Outline|Example):\s*(?P<title>.+?)\s*$")
DATE = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}|<date>")


def _scenarios() -> list[tuple[Path, int, str, list[str]]]:
    """Every scenario of the feature files: file, line, title, tags (scenario's and feature's)."""
    found = []
    for path in sorted(FEATURES.rglob("*.feature")):
        feature_tags: list[str] = []
        pending: list[str] = []
        seen_feature = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = line.strip()
            if text.startswith("@"):
                pending += [t[1:] for t in text.split() if t.startswith("@")]
            elif text.startswith("Feature:"):
                feature_tags, pending, seen_feature = pending, [], True
            elif (match := SCENARIO_LINE.match(line)) and seen_feature:
                found.append((path, number, match["title"], feature_tags + pending))
                pending = []
            elif text.startswith("Examples"):
                pending = []
    return found


@pytest.mark.step_library
def test_feature_files_are_organised_per_instrument() -> None:
    for path in FEATURES.rglob("*.feature"):
        assert path.relative_to(FEATURES).parts[0] in FOLDERS, path


@pytest.mark.step_library
def test_every_scenario_has_a_unique_title_with_a_date_and_rule_tags() -> None:
    rule_ids = {rule.id for rule in Engine().rules()}
    titles: dict[tuple[Path, str], int] = {}
    for path, line, title, tags in _scenarios():
        where = f"{path.relative_to(ROOT)}:{line}"
        assert (path, title) not in titles, f"{where}: same title as line {titles[(path, title)]}"
        titles[(path, title)] = line
        assert DATE.search(title), f"{where}: the title has no date: {title}"
        assert any(t in rule_ids for t in tags), f"{where}: no tag names a rule id"
        unknown = [t for t in tags if "." in t and t not in rule_ids]
        assert not unknown, f"{where}: tags that name no rule: {unknown}"


# --- dualuse coverage -----------------------------------------------------------------------------


def _rule(rule_id: str) -> RuleInfo:
    return RuleInfo(
        id=rule_id,
        citation="MOFCOM Announcement 2026 No. 1, clause 1",
        in_force="from 2026-01-06",
        location="x.dl:1",
        says="",
    )


@pytest.mark.step_library
def test_coverage_needs_every_rule_to_fire_and_not_fire_and_every_scenario_to_pass() -> None:
    applies = ScenarioRun("a", file="f.feature", line=3, name="A", tags=["r.one"], fired={"r.one"})
    weighs = ScenarioRun("b", file="f.feature", line=9, name="B", considered={"r.one"})
    covered = Coverage(rules=[_rule("r.one")], scenarios={"a": applies, "b": weighs})
    assert covered.exit_code() == 0
    assert Coverage([_rule("r.one")], {"a": applies}).exit_code() == 1
    failing = ScenarioRun("c", name="C", fired={"r.one"}, considered={"r.one"}, passed=False)
    assert Coverage([_rule("r.one")], {"c": failing}).exit_code() == 1
    report = render_report(covered)
    assert "### MOFCOM Announcement 2026 No. 1" in report
    assert "- pass: A (f.feature:3) (applies: `r.one`)" in report
    assert "| `r.one` | 1 | 1 | yes |" in report
