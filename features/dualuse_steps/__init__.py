"""The shared step library for the lawyers' feature files, as a pytest plugin.

A new ``.feature`` file that uses the vocabulary of ``features/README.md`` runs with no new
Python: ``tests/test_features.py`` collects every feature file below ``features/`` and installs
this plugin. To run feature files from another folder, put ``features/`` on ``sys.path`` and load
the plugin with ``-p dualuse_steps``.

What the plugin adds to pytest:

- the steps (modules ``given``, ``when``, ``then``) and the fixtures they share: a session-wide
  ``engine`` and the ``transfer`` being drafted;
- every tag of the feature files registered as a marker (``--strict-markers`` is on), so
  ``pytest -m ann2026_1.c1.military_user`` selects the scenarios that exercise a rule;
- a step that is not in the vocabulary fails with the feature file's line and the closest steps;
- each scenario's test item records the scenario (file, line, name, tags) and, per assessment,
  the rules that fired and those considered and not fired, for ``dualuse coverage``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from dualuse.engine import Engine

from .draft import Draft
from .library import VOCABULARY, closest_steps
from .phrases import PhraseError

pytest_plugins = [
    "dualuse_steps.given",
    "dualuse_steps.when",
    "dualuse_steps.then",
    "dualuse_steps.law",
]

FEATURES_DIR = Path(__file__).resolve().parent.parent
"""The project's ``features/`` folder."""

SCENARIO_PROPERTY = "dualuse_scenario"
"""The ``user_properties`` key under which each scenario's identity is recorded."""

__all__ = ["FEATURES_DIR", "SCENARIO_PROPERTY", "VOCABULARY", "feature_tags", "install"]


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def engine() -> Engine:
    """One engine for the whole session (loading the rule base is the slow part)."""
    return Engine()


@pytest.fixture
def transfer() -> Draft:
    """The transfer being drafted: empty until a Given step states facts."""
    return Draft()


# --- tags become markers --------------------------------------------------------------------------


def feature_files(folders: Iterable[Path]) -> Iterator[Path]:
    """Every ``.feature`` file below the folders, once each, in a stable order."""
    seen: set[Path] = set()
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*.feature")):
                if path.resolve() not in seen:
                    seen.add(path.resolve())
                    yield path


def feature_tags(folders: Iterable[Path]) -> set[str]:
    """The tags (without ``@``) used in the feature files below the folders."""
    tags: set[str] = set()
    for path in feature_files(folders):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.split(" #", 1)[0].strip()
            if text.startswith("@"):
                tags.update(token[1:] for token in text.split() if token.startswith("@"))
    return tags


def _feature_folders(config: pytest.Config) -> list[Path]:
    folders = [FEATURES_DIR]
    base = config.getini("bdd_features_base_dir")
    if isinstance(base, str) and base:
        folders.append(Path(config.rootpath, base))
    return folders


DISAGREEMENT = "disagreement"
"""The tag of a scenario that states the law as sources.md records it where the engine disagrees:
the scenario is expected to fail (strictly: it fails the run once the engine is put right, so
that the tag is removed)."""

STEP_LIBRARY = "step_library"
"""The marker of the step library's own tests (not scenarios: coverage leaves them out)."""


def pytest_configure(config: pytest.Config) -> None:
    """Register every feature-file tag as a marker, so that ``--strict-markers`` accepts them."""
    config.addinivalue_line(
        "markers",
        f"{DISAGREEMENT}: the scenario states the law where the engine disagrees (strict xfail)",
    )
    config.addinivalue_line("markers", f"{STEP_LIBRARY}: a test of the step library itself")
    for tag in sorted(feature_tags(_feature_folders(config)) - {DISAGREEMENT}):
        config.addinivalue_line("markers", f"{tag}: tag of a scenario in the feature files")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Expect the scenarios tagged ``@disagreement`` to fail, strictly."""
    for item in items:
        if item.get_closest_marker(DISAGREEMENT) is not None:
            item.add_marker(
                pytest.mark.xfail(
                    strict=True,
                    reason="the engine disagrees with the law as sources.md states it "
                    "(see the scenario's description)",
                )
            )


# --- a step that is not in the vocabulary ---------------------------------------------------------


def _where(config: pytest.Config, filename: str, line: int) -> str:
    path = Path(filename)
    with contextlib.suppress(ValueError):  # a feature file outside the checkout keeps its path
        path = path.resolve().relative_to(config.rootpath)
    return f"{path}:{line}"


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: Exception
) -> None:
    """Fail with the feature file's line and the closest steps of the vocabulary."""
    where = _where(request.config, feature.filename, step.line_number)
    close = closest_steps(step.name)
    hint = ""
    if close:
        options = "\n".join(
            f"  {doc.kind.capitalize()} {doc.examples[0]}    (template: {doc.template})"
            for doc in close
        )
        hint = f"\nDid you mean:\n{options}"
    pytest.fail(
        f"{where}: unknown step: {step.keyword} {step.name}{hint}\n"
        "The vocabulary is in features/README.md.",
        pytrace=False,
    )


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
    step_func_args: dict[str, Any],
    exception: Exception,
) -> None:
    """Report a phrase the vocabulary does not know with the feature file's line, no traceback."""
    if isinstance(exception, PhraseError):
        where = _where(request.config, feature.filename, step.line_number)
        pytest.fail(f"{where}: {exception}", pytrace=False)


# --- recording scenarios for coverage -------------------------------------------------------------


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    """Record the scenario's file, line, name and tags on its test item."""
    request.node.user_properties.append(
        (
            SCENARIO_PROPERTY,
            {
                "file": _where(request.config, feature.filename, scenario.line_number).rsplit(
                    ":", 1
                )[0],
                "line": scenario.line_number,
                "feature": feature.name,
                "name": scenario.name,
                "description": scenario.description,
                "tags": sorted(scenario.tags | feature.tags),
            },
        )
    )


# --- installing into a running pytest -------------------------------------------------------------


def install(module: ModuleType | None = None) -> None:
    """Register the plugin with the pytest run in progress, if it is not registered yet.

    ``tests/test_features.py`` calls this before collecting the feature files: a plugin named in a
    test module's ``pytest_plugins`` would be registered only after the module ran, too late for
    the markers its ``pytest_configure`` registers (``--strict-markers`` checks them while the
    scenarios are collected). Registering now calls ``pytest_configure`` at once.

    Args:
        module: The plugin module (this package); looked up when not given.
    """
    import sys

    from pytest_bdd.utils import CONFIG_STACK

    plugin = module or sys.modules[__name__]
    manager = CONFIG_STACK[-1].pluginmanager
    if not manager.is_registered(plugin):
        manager.register(plugin, "dualuse_steps")
