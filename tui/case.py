"""The case under discussion, as the chat shows it: its title, its facts by field, its article.

Helpers of :mod:`dualuse.tui.session`, without state.
"""

from __future__ import annotations

from dataclasses import dataclass

from dualuse.engine import Decision, RuleInfo, RuleNode, Transfer
from dualuse.tui.replies import ArticleReply, Ask


@dataclass
class Case:
    """A case decided in this session."""

    number: int
    title: str
    transfer: Transfer
    decision: Decision


SPEAKER = "speaker"
"""The source of the question "who are we?"."""


def article_of(decision: Decision, rules: list[RuleInfo]) -> ArticleReply:
    """The words of the law behind a decision's main ground (or its open question), each once."""
    by_id = {r.id: r for r in rules}
    ids = [g.rule_id for g in decision.grounds if isinstance(g, RuleNode)]
    ids += [q for q in (decision.questions[0].rule_ids if decision.questions else [])]
    found: list[RuleInfo] = []
    quotes: set[tuple[str, str]] = set()
    for rule in (by_id[i] for i in dict.fromkeys(ids) if i in by_id):
        quote = (rule.quote_zh, rule.quote_en)
        if quote in quotes:
            continue  # the same words of the law, encoded by more than one rule: shown once
        quotes.add(quote)
        found.append(rule)
    heading = (
        "The article behind the main ground"
        if decision.grounds
        else "The articles the open question decides"
    )
    return ArticleReply(found[:3], heading)


def speaker_question() -> Ask:
    """The question "who are we?", asked once when no company is saved."""
    return Ask(
        field="exporter.name",
        question="Who are “we”? Name the company you speak for, and its country after a "
        "comma (e.g. “Ganzhou Rare Earth Trading, CN”).",
        reason="“we” is the exporter, who is liable; I keep the company for the next "
        "messages and the next sessions",
        options=[],
        free_text=True,
        source=SPEAKER,
    )


def looks_like_a_case(text: str) -> bool:
    """True for a message long enough to describe a transfer rather than answer a question."""
    return len(text.split()) > 4


def title_of(transfer: Transfer | None, decision: Decision | None = None) -> str:
    """A short title for a case: item, who receives it, its date or the date decided as of."""
    if transfer is None:
        return "new case"
    who = transfer.end_user.name or transfer.consignee.name or transfer.destination or "?"
    what = transfer.item.description or transfer.item.code or "an item"
    if transfer.date:
        when = transfer.date.isoformat()
    elif decision is not None:
        when = f"as of {decision.as_of.isoformat()}"
    else:
        when = "date not given"
    return f"{what} → {who}, {when}"


_GROUPS = ("end_use.", "exporter_knowledge.")


def same_question(field: str, asked: str) -> bool:
    """True when ``field`` answers the question about ``asked`` (end use: any end-use fact)."""
    if field == asked:
        return True
    if asked.endswith(".name") and field == asked.removesuffix(".name") + ".country":
        return True
    return any(field.startswith(g) and asked.startswith(g) for g in _GROUPS)


def value_at(transfer: Transfer, field: str) -> object:
    """The value of a dotted field."""
    node: object = transfer.model_dump(mode="json")
    for part in field.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def with_value(transfer: Transfer, field: str, value: object) -> Transfer:
    """The transfer with one dotted field set to a value already parsed."""
    data = transfer.model_dump(mode="json")
    node = data
    parts = field.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        node[part] = dict(child) if isinstance(child, dict) else {}
        node = node[part]
    node[parts[-1]] = value
    return Transfer.model_validate(data)


def interpretation_ids(decision: Decision) -> list[str]:
    """The rules of a decision's grounds that adopt an interpretation."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, RuleNode):
            if node.interpretation is not None:
                found.append(node.rule_id)
            for child in node.children:
                walk(child)

    for ground in decision.grounds:
        walk(ground)
    return list(dict.fromkeys(found))
