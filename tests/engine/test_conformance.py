"""The peer conformance suite (datalog-conformance): every core case.

The suite's bundled cases are 43 MB of YAML. Its pytest plugin reads them with PyYAML's
pure-Python loader, which took 93 s of collection in each test worker; here they are read with
the libyaml loader (25 s of collection) and built with the suite's own schema, and the plugin's
``runner`` fixture runs them through the evaluator named by ``--datalog-evaluator`` in
pyproject.toml.

Defeasible and KLM cases need a defeasible evaluator, which the engine does not have (README:
"Peer conformance"). The ``nemo_negation`` cases expect Nemo's existential reading of variables
bound only under negation, which the suite's own ``unsafe_negation`` case rejects; they are strict
expected failures, so a change of semantics shows up here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from datalog_conformance import plugin
from datalog_conformance.schema import TestCase as Case


def _cases() -> list[tuple[Path, Case]]:
    """Every bundled case, in the plugin's order, read with the libyaml loader."""
    cases: list[tuple[Path, Case]] = []
    for path in sorted(plugin.get_tests_dir().rglob("*.yaml")):
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if raw is None:
            continue
        if isinstance(raw, dict) and "tests" in raw:
            suite = plugin._load_multi_case_file(cast(dict[object, object], raw), path)
            cases.extend((path, case) for case in suite)
        else:
            cases.append((path, Case.from_dict(raw)))
    return cases


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``conformance_case`` over the bundled cases, named as the plugin names them."""
    if "conformance_case" not in metafunc.fixturenames:
        return
    root = plugin.get_tests_dir()
    cases = _cases()
    ids = [
        f"{path.relative_to(root).with_suffix('').as_posix()}::{case.name}" for path, case in cases
    ]
    metafunc.parametrize("conformance_case", cases, ids=ids)


def test_the_cases_are_the_plugins_own(tmp_path: Path) -> None:
    """The libyaml reading finds the cases the plugin finds, in its order (on the small files)."""
    root = plugin.get_tests_dir()
    small = [p for p in sorted(root.rglob("*.yaml")) if p.stat().st_size < 100_000]
    assert len(small) > 50
    for path in small:
        copy = tmp_path / path.relative_to(root)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
    theirs = [(p.relative_to(tmp_path), case) for p, case in plugin.discover_yaml_tests(tmp_path)]
    ours = [(p.relative_to(root), case) for p, case in _cases() if p in small]
    assert len(ours) > 100
    assert ours == theirs


def test_core_case(conformance_case: tuple[Path, Case], runner: Any) -> None:
    path, case = conformance_case
    if "defeasible" in path.parts or case.program is None:
        pytest.skip("defeasible and KLM cases are out of scope (README: Peer conformance)")
    if case.name.startswith("nemo_negation_"):
        with pytest.raises(Exception) as raised:
            runner.run_test_case(case)
        assert getattr(raised.value, "code", None) == "unbound_variable"
        return
    runner.run_test_case(case)
