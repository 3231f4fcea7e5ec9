"""Dates: absolute (2026-03-02, 2 March 2026, 2026年3月2日) or relative (next Monday, in March)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dualuse.interpret.message import ICASE, Context, Facts, Message, alternation

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_M = r"(?P<month>" + alternation(list(MONTHS)) + r")\.?"
_D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_W = r"(?P<weekday>" + alternation(list(WEEKDAYS)) + r")"
_DATES: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(r"(?<!\d)" + _Y + r"[-/.](?P<m>\d{1,2})[-/.]" + _D + r"(?!\d)")),
    ("ymd", re.compile(_Y + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")),
    ("dmy", re.compile(r"\b" + _D + r"\s+(?:of\s+)?" + _M + r",?\s+" + _Y + r"\b", ICASE)),
    ("dmy", re.compile(r"\b" + _M + r"\s+" + _D + r",?\s+" + _Y + r"\b", ICASE)),
    ("ym", re.compile(_Y + r"\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)")),
    (
        "ym",
        re.compile(
            r"\b(?:(?:in|during|by|from|early|late|mid)\s+)?" + _M + r",?\s+" + _Y + r"\b", ICASE
        ),
    ),
    ("md", re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")),
    (
        "md",
        re.compile(
            r"\b(?:on\s+)?(?:the\s+)?" + _D + r"\s+(?:of\s+)?" + _M + r"(?![A-Za-z])", ICASE
        ),
    ),
    (
        "md",
        re.compile(
            r"\b(?:on\s+)?" + _M + r"\s+" + _D + r"\b(?!\s*(?:t|kg|g|yuan|tonnes?)\b)", ICASE
        ),
    ),
    (
        "m",
        re.compile(
            r"\b(?:in|during|by|this|next|from|early|late|mid)\s+" + _M + r"(?![A-Za-z])", ICASE
        ),
    ),
    ("m", re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月(?!\s*\d)")),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>today|tomorrow|yesterday|next\s+week|next\s+month|next\s+year)\b", ICASE
        ),
    ),
    ("rel", re.compile(r"(?P<rel>今天|明天|下周|下个月|今日|明日|来週|来月)")),
    ("wd", re.compile(r"\b(?P<which>next|this|on|coming|this\s+coming)\s+" + _W + r"\b", ICASE)),
]


def find_date(
    text: str, today: dt.date, free: Callable[[int, int], bool] = lambda s, e: True
) -> tuple[dt.date, int, int, float, str] | None:
    """Find the first date in ``text``: (date, start, end, confidence, how it was read)."""
    for kind, rx in _DATES:
        for m in rx.finditer(text):
            if not free(*m.span()):
                continue
            found = _date_of(kind, m, today)
            if found is not None:
                return found[0], m.start(), m.end(), found[1], found[2]
    return None


def _date_of(kind: str, m: re.Match[str], today: dt.date) -> tuple[dt.date, float, str] | None:
    g = m.groupdict()
    month = MONTHS.get((g.get("month") or "").casefold()) or (int(g["m"]) if g.get("m") else 0)
    try:
        if kind in ("ymd", "dmy"):
            return dt.date(int(g["year"]), month, int(g["day"])), 1.0, ""
        if kind == "ym":
            return dt.date(int(g["year"]), month, 1), 0.8, "the first day of the month"
        if kind == "md":
            day = dt.date(today.year, month, int(g["day"]))
            if day < today:
                day = dt.date(today.year + 1, month, int(g["day"]))
            return day, 0.9, f"the next such day after {today.isoformat()}"
        if kind == "m":
            if month == today.month:
                return today, 0.8, "this month: today"
            year = today.year if month > today.month else today.year + 1
            return dt.date(year, month, 1), 0.8, f"the next such month after {today.isoformat()}"
    except ValueError:
        return None
    if kind == "rel":
        return _relative(g["rel"].casefold(), today)
    if kind == "wd":
        target = WEEKDAYS[g["weekday"].casefold()]
        ahead = (target - today.weekday()) % 7 or 7
        if g["which"].casefold() == "next" and ahead < 7 and today.weekday() < target:
            pass  # "next Friday" said on a Monday: the coming Friday, the usual reading.
        return today + dt.timedelta(days=ahead), 0.8, f"the next such weekday after {today}"
    return None


def _relative(word: str, today: dt.date) -> tuple[dt.date, float, str]:
    word = re.sub(r"\s+", " ", word)
    if word in ("today", "今天", "今日"):
        return today, 1.0, "today"
    if word in ("tomorrow", "明天", "明日"):
        return today + dt.timedelta(days=1), 1.0, "tomorrow"
    if word == "yesterday":
        return today - dt.timedelta(days=1), 1.0, "yesterday"
    if word in ("next week", "下周", "来週"):
        return today + dt.timedelta(days=7), 0.7, "a week from today"
    if word == "next year":
        return dt.date(today.year + 1, 1, 1), 0.6, "the first day of next year"
    first = dt.date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    return first, 0.7, "the first day of next month"


def read(msg: Message, out: Facts, ctx: Context) -> None:
    """Read the first date, relative dates counted from today."""
    found = find_date(msg.raw, ctx.today, msg.free)
    if found is not None:
        day, start, end, confidence, note = found
        words = msg.take(start, end)
        out.set("date", day.isoformat(), words=words, at=start, confidence=confidence, note=note)
