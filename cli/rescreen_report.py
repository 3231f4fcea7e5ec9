"""The report of a re-screening: what changed for which transfer, and why, in three formats.

Text for a terminal or a log, Markdown for a memo or a ticket, JSON for tools (the model dump of
:class:`RescreenReport`).
"""

from __future__ import annotations

import datetime as dt
import json

from dualuse.store import Difference
from pydantic import BaseModel, ConfigDict

_MODEL = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class ChangedTransfer(BaseModel):
    """A recorded transfer whose decision changed."""

    model_config = _MODEL
    transfer_id: str | None
    """The transfer's id."""
    transfer_date: dt.date | None
    """The transfer's date."""
    as_of: dt.date
    """The date whose law was applied, then and now."""
    parties: list[str]
    """The parties' names as given."""
    item: str
    """The item as given."""
    record: str
    """The record re-screened."""
    new_record: str | None
    """The record of the new decision (``None`` when not recorded)."""
    difference: Difference
    """What changed and why."""


class RescreenReport(BaseModel):
    """The outcome of a re-screening run."""

    model_config = _MODEL
    rules_digest: str
    """The rule base re-screened on."""
    since: dt.date | None
    """Only transfers dated on or after this day were re-screened."""
    as_of: dt.date | None
    """The date whose law was applied (``None``: each record's own date)."""
    considered: int
    """Recorded transfers considered."""
    already_current: int
    """Of those, already decided on this rule base and date: nothing to do."""
    unchanged: int
    """Re-decided with the same outcome, liability and conditions."""
    errors: list[str]
    """Transfers that could not be decided now, with why."""
    changes: list[ChangedTransfer]
    """Every transfer whose outcome, liability or licence conditions changed."""


def _title(change: ChangedTransfer) -> str:
    day = change.transfer_date or change.as_of
    who = "; ".join(change.parties)
    what = " — ".join(p for p in (who, change.item) if p)
    return f"{change.transfer_id or 'transfer without id'} ({day.isoformat()})" + (
        f": {what}" if what else ""
    )


def _sections(diff: Difference) -> list[tuple[str, list[str]]]:
    return [
        ("Now holds", diff.now_holds),
        ("No longer holds", diff.no_longer_holds),
        ("Now liable", diff.liable_added),
        ("No longer liable", diff.liable_removed),
        ("Licence conditions that now apply", diff.conditions_added),
        ("Licence conditions that no longer apply", diff.conditions_removed),
    ]


def _scope(report: RescreenReport) -> str:
    law = f"as of {report.as_of.isoformat()}" if report.as_of else "as of each transfer's date"
    since = f", transfers dated from {report.since.isoformat()}" if report.since else ""
    return f"on the rules {report.rules_digest[:12]} {law}{since}"


def _counts(report: RescreenReport) -> str:
    return (
        f"{report.considered} recorded transfers: {len(report.changes)} changed, "
        f"{report.unchanged} unchanged, {report.already_current} already decided on these rules, "
        f"{len(report.errors)} could not be decided."
    )


def render_text(report: RescreenReport) -> str:
    """The report as plain text."""
    out = [f"Re-screening {_scope(report)}", _counts(report), ""]
    for n, change in enumerate(report.changes, 1):
        out.append(f"{n}. {_title(change)}")
        out.append(f"   {change.difference.headline}")
        for heading, lines in _sections(change.difference):
            if lines:
                out.append(f"   {heading}:")
                out += [f"   - {line}" for line in lines]
        if change.new_record:
            out.append(f"   Record {change.record[:8]} is replaced by {change.new_record[:8]}.")
        out.append("")
    for error in report.errors:
        out.append(f"could not be decided: {error}")
    return "\n".join(out).rstrip() + "\n"


def render_markdown(report: RescreenReport) -> str:
    """The report as Markdown."""
    out = [f"# Re-screening {_scope(report)}", "", _counts(report), ""]
    for change in report.changes:
        out += [f"## {_title(change)}", "", f"**{change.difference.headline}**", ""]
        for heading, lines in _sections(change.difference):
            if lines:
                out += [f"{heading}:", "", *(f"- {line}" for line in lines), ""]
        if change.new_record:
            out += [f"Record `{change.record}` is replaced by `{change.new_record}`.", ""]
    if report.errors:
        out += ["## Could not be decided", "", *(f"- {e}" for e in report.errors), ""]
    return "\n".join(out).rstrip() + "\n"


def render_json(report: RescreenReport) -> str:
    """The report as JSON."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
