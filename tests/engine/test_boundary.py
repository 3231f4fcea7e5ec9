"""The engine is a library: it loads no interface code, and the import contracts hold."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def loaded_after(statement: str) -> list[str]:
    """Top-level packages in ``sys.modules`` after running ``statement`` in a fresh interpreter."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    modules: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return modules


def test_importing_the_engine_loads_neither_textual_nor_rich() -> None:
    modules = loaded_after("import dualuse.engine")
    assert "dualuse.engine" in modules and "dualuse.engine.api" in modules
    assert [m for m in modules if m.split(".")[0] in {"textual", "rich"}] == []
    assert [m for m in modules if m.startswith(("dualuse.tui", "dualuse.cli"))] == []


def test_deciding_a_transfer_loads_neither_textual_nor_rich() -> None:
    statement = (
        "from dualuse.engine import Engine\n"
        'Engine().decide({"date": "2026-03-02", "transfer": "bonded-zone"})'
    )
    modules = loaded_after(statement)
    assert [m for m in modules if m.split(".")[0] in {"textual", "rich"}] == []


def test_deciding_loads_none_of_the_store_service_or_cluster_libraries() -> None:
    # pyDatalog would import SQLAlchemy's ORM, installed for the records store, on every start-up
    statement = (
        "from dualuse.engine import Engine\n"
        'Engine().decide({"date": "2026-03-02", "item": {"description": "gallium metal"}})'
    )
    heavy = {"sqlalchemy", "alembic", "fastapi", "uvicorn", "dask", "distributed", "polars"}
    assert [m for m in loaded_after(statement) if m.split(".")[0] in heavy] == []


def test_the_store_still_loads_sqlalchemy_after_the_engine() -> None:
    modules = loaded_after("import dualuse.engine.datalog.store\nimport sqlalchemy.orm")
    assert "sqlalchemy.orm" in modules


def test_the_subprocess_check_would_see_a_loaded_interface_package() -> None:
    # The check above is only worth something if sys.modules shows such a package when loaded.
    assert "rich" in loaded_after("import rich")


def run_lint_imports(extra_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(extra_path), env.get("PYTHONPATH", "")) if p
        )
    return subprocess.run(
        [str(LINT_IMPORTS)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def package_tree(folder: Path) -> Path:
    """The ``dualuse.*`` packages as real folders (links), as pyproject's package-dir maps them.

    The editable install serves ``dualuse`` through an import hook that import-linter's module
    finder does not follow; a folder of links gives it the same modules at real paths.
    """
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    (folder / "dualuse").mkdir(parents=True)
    for name, source in mapping.items():
        parts = name.split(".")
        if parts[0] != "dualuse" or len(parts) != 2 or not (ROOT / source / "__init__.py").exists():
            continue
        (folder / "dualuse" / parts[1]).symlink_to(ROOT / source, target_is_directory=True)
    return folder


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
def test_the_import_contracts_are_kept(tmp_path: Path) -> None:
    done = run_lint_imports(package_tree(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
    assert "The engine never imports textual, rich or the interfaces KEPT" in done.stdout
