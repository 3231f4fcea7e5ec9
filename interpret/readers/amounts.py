"""Amounts: the turnover in yuan (800,000 yuan, RMB 1.2m, 80万元) and quantities kept as text."""

from __future__ import annotations

import re

from dualuse.interpret.message import ICASE, Context, Facts, Message

MONEY = re.compile(
    r"(?P<cur1>rmb|cny|¥|yuan)\s*(?P<n1>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<m1>k|thousand|m|mn|million|bn|billion|万|亿)?(?![A-Za-z])"
    r"|(?P<n2>\d[\d,]*(?:\.\d+)?)\s*(?P<m2>k|thousand|m|mn|million|bn|billion|万|亿)?\s*"
    r"(?P<cur2>yuan|rmb|cny|元|人民币)",
    ICASE,
)
_MULTIPLIERS = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "万": 10_000,
    "亿": 100_000_000,
}

QUANTITY = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:t|tonnes?|tons?|mt|kg|kilograms?|kilos?|g|grams?|lbs?|pounds"
    r"|pieces|pcs|units|吨|公斤|千克|キロ|トン)(?![A-Za-z])",
    ICASE,
)


def money(m: re.Match[str]) -> int | None:
    """The amount in yuan of a :data:`MONEY` match."""
    number = m.group("n1") or m.group("n2")
    mult = (m.group("m1") or m.group("m2") or "").casefold()
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    return round(value * _MULTIPLIERS.get(mult, 1))


def read_turnover(msg: Message, out: Facts, ctx: Context) -> None:
    """Read the first amount in yuan as the turnover."""
    for m in msg.find(MONEY):
        amount = money(m)
        if amount is not None:
            words = msg.take(*m.span())
            out.set("turnover_cny", amount, words=words, at=m.start(), shown=f"{amount:,} yuan")
            return


def read_quantity(msg: Message, out: Facts, ctx: Context) -> None:
    """Keep the first quantity as typed."""
    for m in msg.find(QUANTITY):
        words = msg.take(*m.span())
        out.set("quantity", words, words=words, at=m.start(), note="kept as text")
        return
