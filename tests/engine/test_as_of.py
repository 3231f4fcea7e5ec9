"""The day a transfer is assessed on: a date, a datetime's day or an ISO string; else an error."""

from __future__ import annotations

import datetime as dt

import pytest
from dualuse.engine import Engine, InputError

from tests.engine.test_compact import README_CASE


def test_a_day_may_be_given_as_a_date_a_datetime_or_a_string(engine: Engine) -> None:
    as_date = engine.decide(README_CASE, dt.date(2026, 3, 5), explain=False)
    as_text = engine.decide(README_CASE, "2026-03-05", explain=False)
    as_time = engine.decide(README_CASE, dt.datetime(2026, 3, 5, 17, 30), explain=False)
    assert as_date.as_of == as_text.as_of == as_time.as_of == dt.date(2026, 3, 5)
    assert as_text == as_date and as_time == as_date


@pytest.mark.parametrize("bad", ["tomorrow", "2026-02-30", 20260305, ""])
def test_a_day_that_is_not_one_is_an_error_naming_the_field(engine: Engine, bad: object) -> None:
    with pytest.raises(InputError) as raised:
        engine.decide(README_CASE, bad)  # type: ignore[arg-type]
    assert raised.value.field == "as_of"
    assert "is not a date" in str(raised.value)
