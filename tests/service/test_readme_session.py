"""The README's curl session runs as written against a real server."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[2] / "README.md"
DOCUMENTED = "http://127.0.0.1:8000"


def test_the_readme_curl_session_runs(server: Any) -> None:
    assert shutil.which("curl"), "the session is typed with curl"
    section = README.read_text(encoding="utf-8").split("## HTTP service", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "the README has a curl session"
    script = block.group(1).replace(DOCUMENTED, server.url)
    assert server.url in script
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    health, decision, first, second, kept = run.stdout.replace("}{", "}\n{").splitlines()
    assert json.loads(health)["status"] == "ready"
    assert json.loads(decision)["decision"]["outcome"] == "prohibited"
    assert json.loads(first)["decision"]["outcome"] == "out_of_scope"
    assert json.loads(second)["error"]["field"] == "route"
    assert json.loads(kept)["decision"]["outcome"] == "out_of_scope"
