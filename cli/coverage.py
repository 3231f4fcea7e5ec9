"""``dualuse coverage``: which rules the lawyers' scenarios exercise, both ways.

Runs every scenario of ``features/`` in this process (``pytest.main`` on ``tests/test_features.py``)
with a small plugin that reads what each scenario recorded: for every assessment, the ids of the
rules that fired (in the grounds, a liability, a penalty, a sanction or a licence condition) and
of the rules that were considered and did not fire (in a why-not explanation). It then prints, per
rule id, the scenarios where the rule fired and those where it was weighed and did not fire.

A rule is covered when it has both. The command exits non-zero when a rule lacks either, or when
a scenario fails. ``--report`` also writes a Markdown report for lawyers: provisions grouped by
instrument, each with its scenarios, passed or failed.

>>> Coverage(rules=[], scenarios={}).exit_code()
0
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import EARLIEST, Engine, RuleInfo

ROOT = Path(__file__).resolve().parent.parent
"""The checkout: ``features/`` and ``tests/test_features.py`` live there."""

SCENARIO_TESTS = ROOT / "tests" / "test_features.py"
SCENARIO_PROPERTY = "dualuse_scenario"
DECISION_PROPERTY = "dualuse_decision"
SHOWN = 2
SHARD_VARIABLE = "DUALUSE_COVERAGE_SHARD"
OUT_VARIABLE = "DUALUSE_COVERAGE_OUT"
PYTEST_ARGS = ("--rootdir", str(ROOT), "-q", "--no-header", "-p", "no:cacheprovider", "--tb=line")
"""Scenarios shown per rule and column on the terminal (the report lists them all)."""


@dataclass
class ScenarioRun:
    """One scenario (one example of an outline) as run.

    Attributes:
        nodeid: The pytest node id.
        file: The feature file, relative to the checkout.
        line: The scenario's line.
        feature: The feature's title.
        name: The scenario's title.
        example: The outline example's id, or an empty string.
        tags: The scenario's and the feature's tags.
        passed: Whether the scenario passed.
        fired: Rule ids that fired in any of its assessments.
        considered: Rule ids considered and not fired in any of its assessments.
        outcomes: The outcome of each assessment.
        disagreement: The scenario is tagged ``@disagreement`` and failed as expected: it states
            the law where the engine answers otherwise.
    """

    nodeid: str
    file: str = ""
    line: int = 0
    feature: str = ""
    name: str = ""
    example: str = ""
    tags: list[str] = field(default_factory=list)
    passed: bool = True
    fired: set[str] = field(default_factory=set)
    considered: set[str] = field(default_factory=set)
    outcomes: list[str] = field(default_factory=list)
    disagreement: bool = False

    @property
    def ref(self) -> str:
        """``file:line`` with the example, for the terminal."""
        where = f"{self.file}:{self.line}"
        return f"{where}[{self.example}]" if self.example else where

    @property
    def title(self) -> str:
        """The scenario's title; an outline's example is named when the title does not show it."""
        return f"{self.name} [{self.example}]" if self.example and "<" in self.name else self.name


class Recorder:
    """A pytest plugin that keeps what each scenario recorded, and leaves other tests out.

    Args:
        shard: ``(k, n)``: run only every n-th scenario, starting with the k-th (a worker's share).
        out: Where to write what was recorded, as JSON, when the run ends (a worker's result).
    """

    def __init__(self, shard: tuple[int, int] | None = None, out: Path | None = None) -> None:
        self.runs: dict[str, ScenarioRun] = {}
        self.errors: list[str] = []
        self.shard = shard
        self.out = out

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """Deselect the step library's own tests (only scenarios count) and other workers' share."""
        keep = [i for i in items if i.get_closest_marker("step_library") is None]
        if self.shard is not None:
            k, n = self.shard
            keep = keep[k::n]
        dropped = [i for i in items if i not in keep]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        items[:] = keep

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Collect the scenario, its decisions and its result from each phase's report."""
        run = self.runs.setdefault(report.nodeid, ScenarioRun(nodeid=report.nodeid))
        example = re.search(r"\[(.*)\]$", report.nodeid)
        run.example = example[1] if example else ""
        for key, value in report.user_properties:
            if key == SCENARIO_PROPERTY and isinstance(value, dict):
                run.file, run.line = str(value["file"]), int(value["line"])
                run.feature, run.name = str(value["feature"]), str(value["name"])
                run.tags = list(value["tags"])
            elif key == DECISION_PROPERTY and isinstance(value, dict) and report.when == "call":
                run.fired |= set(value["fired"])
                run.considered |= set(value["considered"])
                run.outcomes.append(str(value["outcome"]))
        if report.failed:
            run.passed = False
        if hasattr(report, "wasxfail") and report.skipped:
            run.disagreement = True

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """Keep collection errors (a feature file that does not parse)."""
        if report.failed:
            self.errors.append(f"{report.nodeid}: {report.longreprtext.strip().splitlines()[-1]}")

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Write what was recorded, for the process that started this worker."""
        if self.out is not None:
            data = {
                "errors": self.errors,
                "runs": [
                    {**asdict(r), "fired": sorted(r.fired), "considered": sorted(r.considered)}
                    for r in self.runs.values()
                ],
            }
            self.out.write_text(json.dumps(data), encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    """Record scenarios when loaded as a worker's plugin (``-p dualuse.cli.coverage``)."""
    shard, out = os.environ.get(SHARD_VARIABLE), os.environ.get(OUT_VARIABLE)
    if shard and out:
        k, n = (int(x) for x in shard.split("/"))
        config.pluginmanager.register(Recorder((k, n), Path(out)), "dualuse-coverage-recorder")


@dataclass
class Coverage:
    """Which scenarios exercise which rules.

    Attributes:
        rules: Every rule of the rule base.
        scenarios: Every scenario run, by node id.
        errors: Collection errors.
        pytest_status: pytest's exit status.
    """

    rules: list[RuleInfo]
    scenarios: dict[str, ScenarioRun]
    errors: list[str] = field(default_factory=list)
    pytest_status: int = 0

    def fired(self, rule_id: str) -> list[ScenarioRun]:
        """The scenarios where the rule fired."""
        return [s for s in self.scenarios.values() if rule_id in s.fired]

    def considered(self, rule_id: str) -> list[ScenarioRun]:
        """The scenarios where the rule was considered and did not fire."""
        return [s for s in self.scenarios.values() if rule_id in s.considered]

    def never_fired(self) -> list[str]:
        """Rule ids with no scenario where they fire."""
        return [r.id for r in self.rules if not self.fired(r.id)]

    def never_considered(self) -> list[str]:
        """Rule ids with no scenario where they are weighed and do not fire.

        A rule with no conditions that is in force from the first date the engine decides
        (``always_hold``) holds on every decidable date; it cannot fail to fire, so it is not
        counted here (the report names these rules).
        """
        exempt = set(self.always_hold())
        return [r.id for r in self.rules if not self.considered(r.id) and r.id not in exempt]

    def always_hold(self) -> list[str]:
        """Rules without conditions in force on every date the engine decides."""
        first = f"from {EARLIEST.isoformat()}"
        return [
            r.id
            for r in self.rules
            if ":-" not in r.text and r.in_force.startswith(first) and " until " not in r.in_force
        ]

    def failed(self) -> list[ScenarioRun]:
        """The scenarios that failed."""
        return [s for s in self.scenarios.values() if not s.passed]

    def disagreements(self) -> list[ScenarioRun]:
        """The scenarios that state the law where the engine disagrees (expected to fail)."""
        return [s for s in self.scenarios.values() if s.disagreement]

    def unknown_tags(self) -> dict[str, list[str]]:
        """Tags that look like rule ids (they contain a dot) but name no rule, by tag."""
        ids = {r.id for r in self.rules}
        out: dict[str, list[str]] = defaultdict(list)
        for run in self.scenarios.values():
            for tag in run.tags:
                if "." in tag and tag not in ids:
                    out[tag].append(run.ref)
        return dict(out)

    def exit_code(self) -> int:
        """0 when every rule has both kinds of scenario and every scenario passed."""
        bad = (
            self.never_fired()
            or self.never_considered()
            or self.failed()
            or self.errors
            or self.unknown_tags()
            or self.pytest_status not in (0, 5)
        )
        return 1 if bad else 0


def collect(workers: int | None = None, extra_args: Iterable[str] = ()) -> Coverage:
    """Run every scenario and gather what each one recorded.

    With one worker the scenarios run in this process (``pytest.main``); with more, each worker
    is a ``pytest`` process that runs its share of the scenarios and writes what it recorded.

    Args:
        workers: How many processes run the scenarios; default: one per CPU, at most 4.
        extra_args: More pytest arguments (for example ``-x``).

    Returns:
        The coverage of the rule base by the scenarios.
    """
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    if workers == 1:
        recorder = Recorder()
        status = int(
            pytest.main([str(SCENARIO_TESTS), *PYTEST_ARGS, *extra_args], plugins=[recorder])
        )
        runs, errors = recorder.runs, recorder.errors
    else:
        runs, errors, status = _run_workers(workers, list(extra_args))
    rules = Engine().rules()
    scenarios = {k: v for k, v in runs.items() if v.name}
    return Coverage(rules, scenarios, errors, status)


def _run_workers(
    workers: int, extra_args: list[str]
) -> tuple[dict[str, ScenarioRun], list[str], int]:
    runs: dict[str, ScenarioRun] = {}
    errors: list[str] = []
    status = 0
    with tempfile.TemporaryDirectory(prefix="dualuse-coverage-") as tmp:
        outs = [Path(tmp, f"worker-{k}.json") for k in range(workers)]
        procs = [
            subprocess.Popen(
                [
                    *(sys.executable, "-m", "pytest", str(SCENARIO_TESTS)),
                    *(*PYTEST_ARGS, *extra_args, "-p", "dualuse.cli.coverage"),
                ],
                cwd=ROOT,
                env={**os.environ, SHARD_VARIABLE: f"{k}/{workers}", OUT_VARIABLE: str(out)},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for k, out in enumerate(outs)
        ]
        for k, (proc, out) in enumerate(zip(procs, outs, strict=True)):
            output, _ = proc.communicate()
            print(f"-- worker {k + 1} of {workers}: " + output.strip().replace("\n", "\n   "))
            status = max(status, proc.returncode)
            if not out.exists():
                errors.append(f"worker {k + 1} recorded nothing (exit status {proc.returncode})")
                continue
            data = json.loads(out.read_text(encoding="utf-8"))
            errors += data["errors"]
            for raw in data["runs"]:
                raw["fired"], raw["considered"] = set(raw["fired"]), set(raw["considered"])
                runs[raw["nodeid"]] = ScenarioRun(**raw)
    return runs, errors, status


def _refs(runs: list[ScenarioRun]) -> str:
    shown = ", ".join(r.ref for r in runs[:SHOWN])
    more = len(runs) - SHOWN
    return shown + (f" (+{more} more)" if more > 0 else "")


def print_summary(coverage: Coverage, out: Any = None) -> None:
    """Print, per rule id, where it fired and where it was weighed and did not fire, and totals."""
    out = out or sys.stdout
    width = max((len(r.id) for r in coverage.rules), default=10)
    print(file=out)
    print(f"{'rule id':<{width}}  fired  not fired", file=out)
    articles: dict[str, list[RuleInfo]] = {}
    for rule in coverage.rules:
        articles.setdefault(_provision(rule), []).append(rule)
    for provision, members in articles.items():
        print(f"{provision} ({len(members)} rule{'s' if len(members) > 1 else ''})", file=out)
        _summary_rows(coverage, members, width, out)
    total = len(coverage.rules)
    never_fired, never_considered = coverage.never_fired(), coverage.never_considered()
    both = total - len(set(never_fired) | set(never_considered))
    failed, disagreements = coverage.failed(), coverage.disagreements()
    print(file=out)
    print(f"Articles: {len(articles)}.", file=out)
    print(
        f"Scenarios: {len(coverage.scenarios)} run, "
        f"{len(coverage.scenarios) - len(failed) - len(disagreements)} passed, "
        f"{len(failed)} failed, {len(disagreements)} disagreements with the engine "
        "(expected to fail).",
        file=out,
    )
    print(
        f"Rules: {total}; fired in a scenario: {total - len(never_fired)}; considered and not "
        f"fired in a scenario: {total - len(never_considered)}; both (covered): {both}.",
        file=out,
    )
    always = coverage.always_hold()
    if always:
        print(
            f"Hold on every decidable date, so they cannot fail to fire ({len(always)}): "
            f"{', '.join(always)}",
            file=out,
        )
    if never_fired:
        print(f"Never fired ({len(never_fired)}): {', '.join(never_fired)}", file=out)
    if never_considered:
        print(
            f"Never considered and not fired ({len(never_considered)}): "
            f"{', '.join(never_considered)}",
            file=out,
        )
    for run in failed:
        print(f"FAILED {run.ref}: {run.title}", file=out)
    for run in disagreements:
        print(f"DISAGREEMENT {run.ref}: {run.title}", file=out)
    for tag, refs in coverage.unknown_tags().items():
        print(f"Tag @{tag} names no rule: {', '.join(refs)}", file=out)
    for error in coverage.errors:
        print(f"ERROR {error}", file=out)


def _summary_rows(coverage: Coverage, rules: list[RuleInfo], width: int, out: Any) -> None:
    for rule in rules:
        fired, considered = coverage.fired(rule.id), coverage.considered(rule.id)
        mark = "" if fired and considered else "   <- missing"
        print(f"  {rule.id:<{width}}  {len(fired):>5}  {len(considered):>9}{mark}", file=out)
        if fired:
            print(f"  {'':<{width}}    fired in: {_refs(fired)}", file=out)
        if considered:
            print(f"  {'':<{width}}    not fired in: {_refs(considered)}", file=out)


def _instrument(rule: RuleInfo) -> str:
    if rule.instrument:
        return rule.instrument
    return rule.citation.split(", ")[0] if rule.citation else "(no citation)"


def _provision(rule: RuleInfo) -> str:
    """The article a rule formalises (its own citation for a rule outside any article)."""
    return rule.article_citation or rule.citation or "(no citation)"


def _status(run: ScenarioRun) -> str:
    if run.disagreement:
        return "disagreement"
    return "pass" if run.passed else "**FAIL**"


def render_report(coverage: Coverage, today: dt.date | None = None) -> str:
    """The Markdown report for lawyers: provisions by instrument, their scenarios, pass or fail."""
    lines = [
        "# Scenario coverage of the rule base",
        "",
        "Generated by `dualuse coverage --report` "
        f"on {(today or dt.date.today()).isoformat()}. Do not edit by hand.",
        "",
        "Each provision lists its rules. A rule **applied** in a scenario when it is in the proof "
        "of the answer, of a liability, a penalty or a licence condition; it was **weighed and did "
        "not apply** when it is in an explanation of why another answer was not reached. A rule "
        "is covered when it has both. Under each provision are the scenarios written for it (the "
        "scenarios tagged with its rule ids), with their result. A *disagreement* is a scenario "
        "that states the law as `shared/legal/sources.md` records it where the engine answers "
        "otherwise: it is expected to fail until the engine is put right.",
        "",
    ]
    failed, disagreements = coverage.failed(), coverage.disagreements()
    total = len(coverage.rules)
    never_fired, never_considered = coverage.never_fired(), coverage.never_considered()
    both = total - len(set(never_fired) | set(never_considered))
    passed = len(coverage.scenarios) - len(failed) - len(disagreements)
    lines += [
        "## Summary",
        "",
        f"- Scenarios: {len(coverage.scenarios)} run, {passed} passed, {len(failed)} failed, "
        f"{len(disagreements)} disagreements.",
        f"- Rules: {total}; applied in a scenario: {total - len(never_fired)}; weighed and not "
        f"applied in a scenario: {total - len(never_considered)}; covered both ways: {both}.",
        "",
    ]
    for title, runs in (("Failed scenarios", failed), ("Disagreements", disagreements)):
        if runs:
            lines += [f"### {title}", ""]
            lines += [f"- {run.title} ({run.file}:{run.line})" for run in runs]
            lines.append("")
    if never_fired or never_considered:
        lines += ["### Not covered", ""]
        for rule in coverage.rules:
            missing = []
            if rule.id in never_fired:
                missing.append("never applied")
            if rule.id in never_considered:
                missing.append("never weighed and not applied")
            if missing:
                lines.append(f"- `{rule.id}` ({_provision(rule)}): {', '.join(missing)}")
        lines.append("")

    by_instrument: dict[str, dict[str, list[RuleInfo]]] = defaultdict(lambda: defaultdict(list))
    for rule in coverage.rules:
        by_instrument[_instrument(rule)][_provision(rule)].append(rule)
    lines += ["## Provisions", ""]
    for instrument in sorted(by_instrument):
        lines += [f"### {instrument}", ""]
        for provision in sorted(by_instrument[instrument], key=_natural):
            lines += _provision_lines(coverage, provision, by_instrument[instrument][provision])
    lines += ["## Scenarios by feature file", ""]
    by_file: dict[str, list[ScenarioRun]] = defaultdict(list)
    for run in coverage.scenarios.values():
        by_file[run.file].append(run)
    for file in sorted(by_file):
        runs = sorted(by_file[file], key=lambda r: (r.line, r.example))
        lines += [f"### {file}: {runs[0].feature}", ""]
        for run in runs:
            outcome = ", ".join(o.replace("_", " ") for o in run.outcomes)
            lines.append(f"- {_status(run)}: {run.title} (line {run.line}; outcome: {outcome})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _provision_lines(coverage: Coverage, provision: str, rules: list[RuleInfo]) -> list[str]:
    lines = [
        f"#### {provision}",
        "",
        "| rule | applied in | weighed, not applied in | covered |",
        "| --- | --- | --- | --- |",
    ]
    for rule in rules:
        fired, considered = len(coverage.fired(rule.id)), len(coverage.considered(rule.id))
        covered = "yes" if fired and considered else "**no**"
        lines.append(f"| `{rule.id}` | {fired} | {considered} | {covered} |")
    lines.append("")
    ids = {rule.id for rule in rules}
    written = sorted(
        (run for run in coverage.scenarios.values() if ids & set(run.tags)),
        key=lambda r: (r.file, r.line, r.example),
    )
    if written:
        lines.append("Scenarios written for it:")
        lines.append("")
        for run in written:
            applied = sorted(ids & set(run.tags) & run.fired)
            weighed = sorted(ids & set(run.tags) & (run.considered - run.fired))
            detail = []
            if applied:
                detail.append("applies: " + ", ".join(f"`{r}`" for r in applied))
            if weighed:
                detail.append("weighed, does not apply: " + ", ".join(f"`{r}`" for r in weighed))
            extra = f" ({'; '.join(detail)})" if detail else ""
            lines.append(f"- {_status(run)}: {run.title} ({run.file}:{run.line}){extra}")
    else:
        lines.append("No scenario is tagged with these rules.")
    lines.append("")
    return lines


def _natural(text: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def run(report: Path | None) -> int:
    """Run the scenarios, print rule coverage, and write the Markdown report if asked.

    Args:
        report: Where to write the report for lawyers (``docs/coverage.md``); ``None``: no report.

    Returns:
        The exit status: 0 when every rule fired in a scenario and was weighed and not fired in
        another, and every scenario passed; 1 otherwise; 2 outside a checkout.
    """
    if not SCENARIO_TESTS.exists():
        print(
            f"dualuse coverage runs the scenarios of a checkout: {SCENARIO_TESTS} is missing",
            file=sys.stderr,
        )
        return 2
    coverage = collect()
    print_summary(coverage)
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(render_report(coverage), encoding="utf-8")
        print(f"Report written to {report}")
    return coverage.exit_code()
