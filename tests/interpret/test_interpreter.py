"""The interpreter reads plain words into a transfer, says how, and never decides."""

from __future__ import annotations

import datetime as dt

import pytest
from dualuse.engine import Engine, Transfer
from dualuse.interpret import Interpreter, Reading, set_fact

TODAY = dt.date(2026, 1, 10)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


_READERS: dict[int, Interpreter] = {}


def read(engine: Engine, text: str, current: Transfer | None = None) -> Reading:
    reader = _READERS.setdefault(id(engine), Interpreter(engine))
    return reader.read(text, current=current, today=TODAY)


def fields(reading: Reading) -> dict[str, str]:
    return {u.field: u.value for u in reading.understood}


# --- items ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Dy2O3 to Japan", "Dysprosium oxide and its mixtures"),
        ("dysprosium oxide to Japan", "Dysprosium oxide and its mixtures"),
        ("DYSPROSIUM OXIDE to Japan", "Dysprosium oxide and its mixtures"),
        ("terbium metal to Japan", "Terbium metal"),
        ("Tb4O7 to Japan", "Terbium oxide and its mixtures"),
        ("GaN wafers to Japan", "Gallium nitride"),
        ("氧化镝 to Japan", "Dysprosium oxide and its mixtures"),
        ("酸化ジスプロシウム to Japan", "Dysprosium oxide and its mixtures"),
        (
            "NdFeB magnets with Dy to Japan",
            "Dysprosium-containing NdFeB permanent-magnet materials",
        ),
        ("Sm targets to Japan", "Samarium-containing sputtering targets"),
    ],
)
def test_items_are_read_from_catalogue_names_formulas_and_parts(
    engine: Engine, text: str, label: str
) -> None:
    r = read(engine, text)
    assert r.transfer.item.description == label
    assert r.transfer.destination == "JP"


def test_an_element_alone_becomes_a_question_about_its_form(engine: Engine) -> None:
    r = read(engine, "terbium to Japan")
    assert r.transfer.item.description is None
    (c,) = r.clarifications
    assert c.field == "item.description"
    assert "Terbium metal" in c.options and "Terbium oxide and its mixtures" in c.options
    assert not any("Ytterbium" in o for o in c.options)


# --- parties -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dy2O3 to the Japan Maritime Self-Defense Force", "Japan Maritime Self-Defense Force"),
        ("Dy2O3 to JMSDF", "Japan Maritime Self-Defense Force"),
        ("Dy2O3 to TDK Corporation", "TDK"),
        ("Dy2O3 to Hino Motors, Ltd.", "Hino Motors"),
        ("向日本海上自卫队出口氧化镝", "Japan Maritime Self-Defense Force"),
        ("酸化ジスプロシウムを防衛省へ輸出", "Ministry of Defense"),
        ("Dy2O3 to 海上自衛隊", "Japan Maritime Self-Defense Force"),
    ],
)
def test_parties_are_read_from_names_aliases_and_native_names(
    engine: Engine, text: str, name: str
) -> None:
    r = read(engine, text)
    assert r.transfer.end_user.name == name
    assert r.transfer.end_user.country == "JP"
    u = next(u for u in r.understood if u.field == "end_user.name")
    assert u.confidence == 1.0


def test_the_party_it_is_sent_to_is_also_taken_as_consignee_with_lower_confidence(
    engine: Engine,
) -> None:
    r = read(engine, "Dy2O3 to JMSDF")
    assert r.transfer.consignee.name == "Japan Maritime Self-Defense Force"
    u = next(u for u in r.understood if u.field == "consignee.name")
    assert u.confidence < 1 and "assumed" in u.note


def test_a_near_match_becomes_a_question_never_a_hit(engine: Engine) -> None:
    r = read(engine, "gallium to Mitsubishi Heavy Industries Shipbuiding")
    assert r.transfer.end_user.name is None
    (c,) = r.clarifications
    assert c.field == "end_user.name"
    assert c.score is not None and 86 <= c.score < 100
    assert c.values == [
        "Mitsubishi Heavy Industries Shipbuilding Co.",
        "Mitsubishi Heavy Industries Shipbuiding",
    ]


def test_an_unlisted_company_is_kept_as_typed(engine: Engine) -> None:
    r = read(engine, "Dy2O3 to Sony for consumer electronics")
    assert r.transfer.end_user.name == "Sony"
    assert "not a name on the lists" in next(
        u.note for u in r.understood if u.field == "end_user.name"
    )


def test_the_exporter_named_after_we_and_a_city_inside_a_name(engine: Engine) -> None:
    r = read(engine, "We, Ganzhou Rare Earth Trading, a Chinese company, export Dy2O3 to Sony")
    assert r.transfer.exporter.name == "Ganzhou Rare Earth Trading"
    assert r.transfer.exporter.country == "CN"
    assert r.transfer.destination is None
    assert r.transfer.end_user.name == "Sony"


def test_a_name_inside_the_name_of_a_defence_body_is_not_an_end_use(engine: Engine) -> None:
    r = read(engine, "Dy2O3 to the Ministry of Defense")
    assert r.transfer.end_user.name == "Ministry of Defense"
    assert r.transfer.end_use.military is None


@pytest.mark.parametrize(
    ("text", "role", "name"),
    [
        ("We have an order from Kawasaki Heavy Industries for Dy2O3", "end_user", "Kawasaki"),
        ("Customer: Sony; item: Dy2O3", "end_user", "Sony"),
        (
            "Sold to: Toyota Tsusho Corp. Ship to: Toyota Tsusho Corp., Nagoya.",
            "end_user",
            "Toyota",
        ),
        ("Ship to: Itochu. End user: the JGSDF. Dy2O3", "consignee", "Itochu"),
        ("Exporter: Yunnan Germanium Export. Germanium ingots to Sony", "exporter", "Yunnan"),
        ("Sumitomo Electric would like 200 kg of germanium tetrachloride", "end_user", "Sumitomo"),
        ("Antimony ingots to Mitsui & Co. Tokyo, end user unknown", "consignee", "Mitsui"),
    ],
)
def test_parties_are_read_in_the_roles_forms_and_emails_give_them(
    engine: Engine, text: str, role: str, name: str
) -> None:
    party = getattr(read(engine, text).transfer, role)
    assert party.name is not None and party.name.startswith(name), party.name
    assert not party.name.endswith((" Ship", " Tokyo", "."))


def test_a_deadline_a_company_name_and_a_port_are_not_what_they_resemble(engine: Engine) -> None:
    r = read(
        engine,
        "Hunan Antimony Import and Export sells antimony ingots to Toyota, ex Ningbo. "
        "Please advise by Friday.",
    )
    assert r.transfer.exporter.name == "Hunan Antimony Import and Export"
    assert r.transfer.item.description == "Antimony metal"
    assert r.transfer.destination != "CN"  # "ex Ningbo": where the goods leave from
    assert "Friday" not in {r.transfer.end_user.name, r.transfer.consignee.name}
    sony = read(engine, "indium phosphide wafers to Sony Semiconductor Solutions")
    assert sony.transfer.end_user.name == "Sony Semiconductor Solutions"
    assert sony.transfer.end_use.military is None  # "Semiconductor" names the customer


def test_a_labelled_end_use_is_kept_as_stated_and_its_kind_left_to_ask(engine: Engine) -> None:
    r = read(engine, "Graphite flake to Toyo Tanso. End-use: EDM electrodes for moulds.")
    assert r.transfer.end_use.description == "EDM electrodes for moulds"
    assert r.transfer.end_use.military is None  # neither word of a use: asked, not guessed
    unsaid = read(engine, "PO 77 | Buyer: Sony | Goods: Dy2O3 | End use: TBC")
    assert unsaid.transfer.end_use.description is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("株式会社デンソー向けに酸化テルビウム100kgを輸出できますか？", "デンソー"),
        ("我们可以向索尼公司出口氧化镝吗？", "索尼公司"),
        ("防衛省宛てにジスプロシウム酸化物を輸出", "Ministry of Defense"),
    ],
)
def test_a_party_is_read_from_a_japanese_or_chinese_sentence(
    engine: Engine, text: str, name: str
) -> None:
    assert read(engine, text).transfer.end_user.name == name


def test_what_an_item_is_for_in_japanese_is_not_a_party(engine: Engine) -> None:
    assert read(engine, "輸出向け酸化テルビウム").transfer.end_user.name is None
    assert read(engine, "日本向けの酸化テルビウム").transfer.end_user.name is None


# --- countries, dates, quantities, money -----------------------------------------------------


def test_countries_become_iso_codes_by_their_role(engine: Engine) -> None:
    r = read(engine, "re-export of GaN made in China from Vietnam to Japan via Korea")
    assert r.transfer.transfer == "re-export"
    assert r.transfer.origin == "CN"
    assert r.transfer.destination == "JP"
    assert r.transfer.route == ["VN", "KR", "JP"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Dy2O3 to Japan on 2 March 2026", dt.date(2026, 3, 2)),
        ("Dy2O3 to Japan on March 2, 2026", dt.date(2026, 3, 2)),
        ("Dy2O3 to Japan on 2026-03-02", dt.date(2026, 3, 2)),
        ("Dy2O3 to Japan 2026年3月2日", dt.date(2026, 3, 2)),
        ("Dy2O3 to Japan in March", dt.date(2026, 3, 1)),
        ("Dy2O3 to Japan in January", dt.date(2026, 1, 10)),
        ("Dy2O3 to Japan in December 2025", dt.date(2025, 12, 1)),
        ("Dy2O3 to Japan next Monday", dt.date(2026, 1, 12)),
        ("Dy2O3 to Japan tomorrow", dt.date(2026, 1, 11)),
    ],
)
def test_dates_absolute_and_relative_to_today(engine: Engine, text: str, day: dt.date) -> None:
    assert read(engine, text).transfer.date == day


def test_a_month_already_past_this_year_means_next_year(engine: Engine) -> None:
    r = Interpreter(engine).read("Dy2O3 to Japan in March", today=dt.date(2026, 5, 4))
    assert r.transfer.date == dt.date(2027, 3, 1)
    assert next(u for u in r.understood if u.field == "date").confidence < 1


def test_a_quantity_is_kept_as_text(engine: Engine) -> None:
    r = read(engine, "2 t of Dy2O3 to Japan")
    assert r.quantity == "2 t"
    assert r.transfer.item.description == "Dysprosium oxide and its mixtures"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("800,000 yuan", 800_000),
        ("RMB 800k", 800_000),
        ("¥1.2 million", 1_200_000),
        ("80万元", 800_000),
        ("CNY 500000", 500_000),
    ],
)
def test_turnover_amounts(engine: Engine, text: str, amount: int) -> None:
    assert read(engine, f"turnover {text}").transfer.turnover_cny == amount


# --- end use and kinds of transfer ---------------------------------------------------------------


@pytest.mark.parametrize("words", ["radar", "missile", "destroyers", "defence", "military"])
def test_military_end_use_words(engine: Engine, words: str) -> None:
    r = read(engine, f"Dy2O3 to Japan for {words}")
    assert r.transfer.end_use.military is True
    assert r.transfer.end_use.helps_military_strength is None


@pytest.mark.parametrize("words", ["consumer electronics", "civilian use", "EV motors"])
def test_civilian_end_use_words(engine: Engine, words: str) -> None:
    r = read(engine, f"Dy2O3 to Japan for {words}")
    assert r.transfer.end_use.military is False
    assert r.transfer.end_use.helps_military_strength is False
    assert r.transfer.end_use.description == words


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("re-export Dy2O3 to Japan", "re-export"),
        ("Dy2O3 in transit through Shanghai to Japan", "transit"),
        ("move Dy2O3 into a bonded zone", "bonded-zone"),
        ("Dy2O3 as a gift to Japan", "gift"),
        ("show Dy2O3 at an exhibition in Tokyo", "exhibition"),
        ("deemed export of Dy2O3 data", "deemed-export"),
        ("export Dy2O3 to Japan", "export"),
    ],
)
def test_kinds_of_transfer(engine: Engine, text: str, kind: str) -> None:
    assert read(engine, text).transfer.transfer == kind


def test_a_foreign_engineer_in_shanghai_is_a_deemed_export_received_in_china(
    engine: Engine,
) -> None:
    r = read(engine, "provide terbium metal technology to a Japanese engineer in Shanghai")
    assert r.transfer.transfer == "deemed-export"
    assert r.transfer.end_user.located_in == "CN"
    assert r.transfer.end_user.country == "JP"
    assert r.transfer.item.kind == "technology"


def test_a_verb_like_ship_is_read_as_export_with_less_confidence(engine: Engine) -> None:
    r = read(engine, "ship Dy2O3 to Japan")
    u = next(u for u in r.understood if u.field == "transfer")
    assert u.value == "export" and u.confidence < 1


# --- follow-ups and intents -----------------------------------------------------------------------


def test_what_if_revises_the_current_transfer(engine: Engine) -> None:
    first = read(engine, "export Dy2O3 to JMSDF for radar in March").transfer
    r = read(engine, "and if the end use were civilian?", current=first)
    assert r.follow_up and not r.new_case
    assert r.transfer.end_use.military is False
    assert r.transfer.end_user.name == "Japan Maritime Self-Defense Force"
    assert r.transfer.item == first.item


def test_what_about_replaces_item_party_and_date(engine: Engine) -> None:
    first = read(engine, "export Dy2O3 to JMSDF for radar on 2 March 2026").transfer
    r = read(engine, "what about terbium metal to TDK in March?", current=first)
    assert r.follow_up
    assert r.transfer.item.description == "Terbium metal"
    assert r.transfer.end_user.name == "TDK"
    assert r.transfer.date == dt.date(2026, 3, 1)
    assert r.transfer.transfer == "export"  # kept from the current case
    assert r.transfer.end_use.military is True


def test_a_full_new_question_starts_a_new_case(engine: Engine) -> None:
    first = read(engine, "export Dy2O3 to JMSDF for radar").transfer
    r = read(engine, "Can we ship terbium metal to Sony in Japan?", current=first)
    assert r.new_case
    assert r.transfer.end_use.military is None


def test_words_it_cannot_place_are_reported(engine: Engine) -> None:
    r = read(engine, "Dy2O3 to Japan with zorblax paperwork")
    assert "zorblax" in r.unresolved


def test_markup_like_text_is_only_words(engine: Engine) -> None:
    r = read(engine, "Dy2O3 to [b]Japan[/b] and [fact]")
    assert r.transfer.destination == "JP"
    assert "fact" in r.unresolved


# --- set_fact -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "value"),
    [
        ("end_use.military", "yes", True),
        ("end_use.military", "No", False),
        ("end_use.military", "unknown", None),
        ("destination", "Japan", "JP"),
        ("destination", "vn", "VN"),
        ("date", "2 March 2026", dt.date(2026, 3, 2)),
        ("turnover_cny", "RMB 800k", 800_000),
        ("licences", "none", []),
        ("transfer", "deemed export", "deemed-export"),
        ("route", "CN, JP", ["CN", "JP"]),
    ],
)
def test_set_fact_reads_words_by_field(field: str, typed: str, value: object) -> None:
    t = set_fact(Transfer(), field, typed, today=TODAY)
    node: object = t
    for part in field.split("."):
        node = getattr(node, part)
    assert node == value


def test_set_fact_rejects_a_value_that_does_not_fit() -> None:
    with pytest.raises(ValueError, match="country"):
        set_fact(Transfer(), "destination", "Atlantis", today=TODAY)


# --- the readers, the index, and the readings of issue 16 ----------------------------------------


def test_the_readers_run_in_the_declared_order() -> None:
    from dualuse.interpret.readers import READERS

    names = [name for name, _ in READERS]
    for earlier, later in [
        ("amounts", "dates"),
        ("dates", "kinds of transfer"),
        ("listed items", "end use"),  # "Defense" in a party's name is not a military end use
        ("listed parties", "end use"),
        ("other parties", "places and routes"),
    ]:
        assert names.index(earlier) < names.index(later)


def test_each_interpreter_has_its_own_index_of_names(engine: Engine) -> None:
    class Small:
        def __init__(self, entries: list[object]) -> None:
            self.entries = entries

        def catalogue(self) -> list[object]:
            return self.entries

        def match_item(self, text: str) -> object:
            return engine.match_item(text)

        def match_party(self, text: str) -> object:
            return engine.match_party(text)

    whole = Interpreter(engine)
    items_only = Interpreter(Small([e for e in engine.catalogue() if e.kind == "item"]))  # type: ignore[arg-type]
    text = "Dy2O3 to JMSDF"
    # The whole catalogue's index knows the party and its country; the other only has the
    # engine's matcher for the typed name, which gives no country.
    assert whole.read(text, today=TODAY).transfer.end_user.country == "JP"
    assert items_only.read(text, today=TODAY).transfer.end_user.country is None
    assert items_only.index is not whole.index


def test_we_is_the_speaker_and_unknown_without_one(engine: Engine) -> None:
    from dualuse.interpret import Speaker

    text = "What penalty do we face if we shipped terbium metal to the JASDF?"
    plain = Interpreter(engine).read(text, today=TODAY)
    assert plain.transfer.exporter.name is None and plain.speaker_needed
    mine = Interpreter(engine, speaker=Speaker(name="Ganzhou Rare Earth Trading", country="CN"))
    r = mine.read(text, today=TODAY)
    assert (r.transfer.exporter.name, r.transfer.exporter.country) == (
        "Ganzhou Rare Earth Trading",
        "CN",
    )
    assert not r.speaker_needed


@pytest.mark.parametrize(
    ("text", "consignee", "end_user"),
    [
        (
            "samarium metal to Sojitz, who sell it on to the Maritime Self-Defense Force",
            "Sojitz",
            "Japan Maritime Self-Defense Force",
        ),
        (
            "terbium metal to Sony, they resell it to the Ministry of Defense",
            "Sony",
            "Ministry of Defense",
        ),
        (
            "Dy2O3 via our distributor Marubeni to the JGSDF",
            "Marubeni",
            "Japan Ground Self-Defense Force",
        ),
    ],
)
def test_a_resale_chain_gives_consignee_then_end_user(
    engine: Engine, text: str, consignee: str, end_user: str
) -> None:
    r = read(engine, text)
    assert (r.transfer.consignee.name, r.transfer.end_user.name) == (consignee, end_user)


def test_a_branch_abroad_re_selling_is_a_re_export_from_there(engine: Engine) -> None:
    r = read(engine, "Our Singapore branch plans to re-sell Chinese dysprosium metal to the ASDF")
    t = r.transfer
    assert (t.transfer, t.exporter.country, t.origin, t.destination) == (
        "re-export",
        "SG",
        "CN",
        "JP",
    )


def test_stated_civil_uses_and_purities_are_kept(engine: Engine) -> None:
    r = read(engine, "lutetium oxide for JAXA, satellite instruments, 1 April 2026")
    assert r.transfer.end_use.description == "satellite instruments"
    assert r.transfer.end_use.military is False
    kept = read(engine, "dysprosium oxide 99.9% to Sony").transfer.item
    assert (kept.description, kept.code) == (
        "Dysprosium oxide and its mixtures, purity 99.9%",
        "1C905.b",
    )
    below = read(engine, "antimony oxide 99.5% to Sony").transfer.item
    assert below.description is not None and "99.5%" in below.description
    assert below.description != "Antimony oxides of purity 99.99% or more"


def test_the_one_name_normaliser() -> None:
    from dualuse.interpret import normalise_name

    assert normalise_name("the TDK Corporation") == "TDK"
    assert normalise_name("株式会社 Sojitz") == "Sojitz"
    assert normalise_name("Hino Motors, Ltd.") == "Hino Motors"


def test_where_we_are_is_the_exporter_s_place_not_the_end_user_s(engine: Engine) -> None:
    r = read(engine, "We are Ganzhou Rare Earth Trading in China. Can we ship Dy2O3 to the JASDF?")
    t = r.transfer
    assert (t.exporter.name, t.exporter.located_in) == ("Ganzhou Rare Earth Trading", "CN")
    assert t.end_user.located_in is None and t.destination == "JP"
