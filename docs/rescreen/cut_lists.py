"""Write a copy of a rules folder as it stood before the lists of 2026-02-24.

The control list (MOFCOM Announcement 2026 No. 11) and the watch list (No. 12) are cut at
2026-02-23: every row valid from a later day is left out, as a rule base of that day would have
had them. Everything else is copied unchanged.

    python docs/rescreen/cut_lists.py rules/ /tmp/rules-2026-02-23/rules
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
from datetime import date
from pathlib import Path

CUT = date(2026, 2, 23)
TABLES = ("data/control_list.csv", "data/watch_list.csv")


def cut(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` with the two lists cut at :data:`CUT`."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    for name in TABLES:
        text = (source / name).read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        header = text.splitlines()[0].split(",")
        kept = [r for r in rows if date.fromisoformat(r["valid_from"]) <= CUT]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
        (target / name).write_text(out.getvalue(), encoding="utf-8")
        print(f"{name}: kept {len(kept)} of {len(rows)} rows (valid on or before {CUT})")


if __name__ == "__main__":
    cut(Path(sys.argv[1]), Path(sys.argv[2]))
