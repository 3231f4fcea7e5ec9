"""Articles: the law's text once, inherited and narrowed by rules; citations as lawyers write."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dualuse.engine import Decision, Engine, RuleNode
from dualuse.engine.datalog.citation import Citation
from dualuse.engine.datalog.parser import parse_text
from dualuse.engine.law.legal import check_legal
from dualuse.engine.law.rulebase import RuleBase
from pydantic import ValidationError

ARTICLE = """
@cites(instrument="Export Control Law", article="12", paragraph="3")
@in_force(from="2020-12-01", until="2030-12-31")
@quote(en="the catch-all", source="a test")
.article "ecl.art12.3"
@says("q is the case") @asks("Is q the case?") .input q
"""


def rule(*annotations: str, rule_id: str = "r.one") -> str:
    return "\n".join(
        [
            f'@id("{rule_id}")',
            '@article("ecl.art12.3")',
            *annotations,
            '@says("p holds here")',
            "p :- q.",
            "",
        ]
    )


def codes(text: str) -> list[str]:
    return [e.code for e in check_legal(parse_text(text, file="a.dl"))]


def test_a_rule_inherits_citation_dates_and_quote(tmp_path: Path) -> None:
    (tmp_path / "a.dl").write_text(ARTICLE + rule(), encoding="utf-8")
    base = RuleBase.load(tmp_path)
    clause = base.rule("r.one")
    assert clause.meta.cites is not None and clause.meta.cites.text() == "ECL Art. 12(3)"
    assert clause.meta.in_force is not None and clause.meta.in_force.text() == (
        "from 2020-12-01 until 2030-12-31"
    )
    assert clause.meta.quote is None  # stated once, on the article
    quote = base.quote_of(clause)
    assert quote is not None and quote.en == "the catch-all"


def test_a_rule_may_narrow_its_article() -> None:
    narrowed = rule(
        '@cites(instrument="Export Control Law", article="12", paragraph="3", item="(2)")',
        '@in_force(from="2021-01-01")',
    )
    program = parse_text(ARTICLE + narrowed)
    assert check_legal(program) == []


@pytest.mark.parametrize(
    ("annotation", "code"),
    [
        ('@cites(instrument="Export Control Law", article="13")', "article_mismatch"),
        (
            '@cites(instrument="Export Control Law", article="12", paragraph="2")',
            "article_mismatch",
        ),
        ('@in_force(from="2019-01-01")', "article_dates"),
        ('@in_force(from="2021-01-01")', None),
    ],
)
def test_a_rule_cannot_leave_its_article(annotation: str, code: str | None) -> None:
    assert codes(ARTICLE + rule(annotation)) == ([code] if code else [])


def test_a_rule_pointing_nowhere_is_an_error() -> None:
    text = rule().replace("ecl.art12.3", "ecl.art99") + ARTICLE
    errors = check_legal(parse_text(text, file="a.dl"))
    assert [e.code for e in errors] == ["unknown_article"]
    assert errors[0].line == 4 and "ecl.art99" in errors[0].message


def test_a_legal_rule_outside_any_article_is_an_error() -> None:
    text = '@says("q is the case") @asks("Is it?") .input q\n' + "\n".join(
        [
            '@id("r.one")',
            '@cites(instrument="Export Control Law", article="2")',
            '@in_force(from="2020-12-01")',
            '@says("p holds here")',
            "p :- q.",
            "",
        ]
    )
    assert codes(text) == ["missing_article"]


def test_article_ids_are_unique_and_articles_state_only_the_law() -> None:
    twice = ARTICLE + ARTICLE.split("@says")[0] + rule()
    assert codes(twice) == ["duplicate_article_id"]
    with_sentence = ARTICLE.replace(".article", '@says("no")\n.article') + rule()
    assert codes(with_sentence) == ["invalid_annotation"]
    undated = ARTICLE.replace('@in_force(from="2020-12-01", until="2030-12-31")\n', "") + rule()
    assert codes(undated) == ["missing_annotation"]


@pytest.mark.parametrize(
    ("citation", "english", "chinese"),
    [
        (("Export Control Law", "12", "2", ""), "ECL Art. 12(2)", "《出口管制法》第十二条第二款"),
        (
            ("Export Control Law", "12", "3", "(1)"),
            "ECL Art. 12(3)(i)",
            "《出口管制法》第十二条第三款第（一）项",
        ),
        (
            ("Dual-Use Items Export Control Regulations", "48", "2", ""),
            "Regs Art. 48(2)",
            "《两用物项出口管制条例》第四十八条第二款",
        ),
        (
            ("MOFCOM Announcement 2026 No. 1", "clause 1", "", ""),
            "Announcement 2026 No. 1, cl. 1",
            "商务部公告2026年第1号第一条",
        ),
        (
            ("Export Control Law", "34, 37", "", ""),
            "ECL Arts. 34, 37",
            "《出口管制法》第三十四条、第三十七条",
        ),
    ],
)
def test_citations_read_as_lawyers_write_them(
    citation: tuple[str, str, str, str], english: str, chinese: str
) -> None:
    inst, article, paragraph, item = citation
    cite = Citation(instrument=inst, article=article, paragraph=paragraph, item=item)
    assert cite.text() == english
    assert cite.text(lang="zh") == chinese


def test_the_full_name_of_an_instrument() -> None:
    cite = Citation(instrument="Export Control Law", article="12")
    assert cite.instrument_name.startswith("Export Control Law of the People's Republic of China")


def test_each_quote_appears_once_in_a_decision(
    engine: Engine, samples: dict[str, dict[str, Any]]
) -> None:
    decision = engine.decide(samples["jmsdf"])
    text = decision.model_dump_json()
    quote = decision.articles["ann2026_1.c1"].quote
    assert quote is not None and quote.zh
    assert text.count(quote.zh) == 1
    steps = [n for g in decision.grounds for n in _steps(g)]
    assert steps and all(n.article in decision.articles for n in steps)


def test_the_compact_json_loses_nothing(engine: Engine, samples: dict[str, dict[str, Any]]) -> None:
    decision = engine.decide(samples["jmsdf"])
    data = json.loads(decision.model_dump_json())
    assert any("same_as" in json.dumps(lia) for lia in data["liable"])  # the ground, once
    back = Decision.model_validate_json(decision.model_dump_json())
    assert back == decision
    assert engine.check(back) == []


def test_a_pointer_to_nowhere_is_not_silently_accepted(
    engine: Engine, samples: dict[str, dict[str, Any]]
) -> None:
    data = json.loads(engine.decide(samples["jmsdf"]).model_dump_json())
    text = json.dumps(data).replace('"same_as": "/grounds/0', '"same_as": "/grounds/7', 1)
    with pytest.raises((IndexError, KeyError, ValueError)):
        Decision.model_validate_json(text)


def _steps(node: object) -> list[RuleNode]:
    if not isinstance(node, RuleNode):
        return []
    return [node, *(s for c in node.children for s in _steps(c))]


def test_the_checker_rejects_an_altered_article(
    engine: Engine, samples: dict[str, dict[str, Any]]
) -> None:
    data = json.loads(engine.decide(samples["jmsdf"]).model_dump_json())
    data["articles"]["ann2026_1.c1"]["quote"]["en"] = "Exports to Japan are allowed."
    problems = engine.check(Decision.model_validate(data))
    assert problems == ["articles['ann2026_1.c1']: not the article's citation, dates or words"]
    del data["articles"]["ann2026_1.c1"]  # its steps' citations and dates are stated there
    with pytest.raises(ValidationError, match="in_force"):
        Decision.model_validate(data)
