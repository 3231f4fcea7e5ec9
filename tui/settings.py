"""The chat's settings kept between runs: who "we" are.

They live in a small JSON file in the user's configuration folder (``platformdirs``: the folder
each system expects, ``~/.config/dualuse`` on Linux). ``DUALUSE_CONFIG_DIR`` points elsewhere.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from dualuse.interpret import Speaker
from platformdirs import user_config_path
from pydantic import BaseModel, ConfigDict, ValidationError

__all__ = ["Settings", "load", "save", "settings_path"]


class Settings(BaseModel):
    """What the chat remembers."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    speaker: Speaker | None = None
    """The company "we" stand for."""


def settings_path() -> Path:
    """Where the settings file is."""
    folder = os.environ.get("DUALUSE_CONFIG_DIR")
    base = Path(folder) if folder else user_config_path("dualuse", appauthor=False)
    return base / "chat.json"


def load(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings, and what was wrong with the file if it could not be read."""
    path = path or settings_path()
    try:
        return Settings.model_validate_json(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return Settings(), None
    except (OSError, ValidationError, ValueError) as exc:
        field = ""
        if isinstance(exc, ValidationError) and exc.errors():
            field = " (" + ".".join(str(p) for p in exc.errors()[0]["loc"]) + ")"
        return Settings(), f"The saved settings in {path} could not be read{field}; ignored."


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings; returns the file written."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = settings.model_dump(mode="json", exclude_none=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
