"""One timeframe: a point, a record's interval and a publication date are parsed by ``newstrace.timeframe``
alone, and a bad publication date is refused the same way by the readers, the Python API, the web API
and the records themselves."""
from __future__ import annotations

import datetime as dt

import pytest

from newstrace import timeframe
from newstrace.errors import DateError, InputError
from newstrace.readers import read_bytes
from newstrace.records import Article
from newstrace.timeframe import (
    Interval,
    check_published,
    day_of,
    interval_of,
    parse_point,
    parse_published,
    point_of,
    publication_day,
    require_day,
)

TODAY = dt.date(2026, 1, 1)
TOKEN = "timeframe-token"


@pytest.mark.parametrize("value, lo, hi, granularity", [
    ("2025", "2025-01-01", "2025-12-31", "year"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2025-02-16", "2025-02-16", "2025-02-16", "day"),
    ("2025-W07", "2025-02-10", "2025-02-16", "week"),
])
def test_a_point_is_the_interval_of_days_it_stands_for(value, lo, hi, granularity):
    assert parse_point(value) == Interval(dt.date.fromisoformat(lo), dt.date.fromisoformat(hi), granularity)


@pytest.mark.parametrize("value, message", [
    ("2024-13", "not a real calendar date"),
    ("2025-02-30", "not a real calendar date"),
    ("0000-01-01", "not a real calendar date"),
    ("Feb 2025", "give YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025-2-3", "give YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_a_bad_point_is_a_date_error_naming_it(value, message):
    with pytest.raises(DateError, match=message) as info:
        parse_point(value)
    assert repr(value) in str(info.value)
    assert point_of(value) is None  # a stored value that is not a point has no interval


def test_a_record_date_gives_its_interval_and_a_duration_none():
    assert interval_of({"value": {"start": "2025-01", "end": "2025-03-10"}}).granularity == "range"
    assert interval_of({"value": "P3Y", "type": "duration"}) is None
    assert interval_of(None) is None
    assert day_of("2025-02") is None and day_of("2025-02-16") == dt.date(2025, 2, 16)
    assert publication_day("2025") is None  # no day to anchor to
    with pytest.raises(DateError):
        publication_day("16/02/2025")
    with pytest.raises(DateError, match="is not a day"):
        require_day("2025-02")


BAD_PUBLISHED = [
    ("0001-11-30", "out of range (before 1900)"),
    ("2025-02-30", "not a real calendar date"),
    ("2025-02-28T25:61:00Z", "impossible time (25:61:00)"),
    ("2025-02-28T10:00:00+99:00", "impossible offset from UTC (+99:00)"),
    ("Fri, 28 Feb 2025 10:00:00 +9900", "impossible offset from UTC (+99:00)"),
    ("28 February 2025 24:30", "impossible time (24:30)"),
]


@pytest.mark.parametrize("value, reason", BAD_PUBLISHED)
def test_a_bad_publication_date_is_refused_by_every_reader_of_dates(value, reason):
    published, warning = parse_published(value, today=TODAY)
    assert published is None and reason in warning
    with pytest.raises(DateError, match=reason.replace("(", r"\(").replace(")", r"\)").replace("+", r"\+")):
        check_published(value, today=TODAY)
    # a JSON Lines reader keeps the article and warns
    line = ('{"text": "Words of an article.", "published": "' + value + '"}\n').encode()
    [article] = list(read_bytes(line, "test.jsonl", fmt="jsonl"))
    assert not isinstance(article, InputError)
    assert article.published is None and reason in article.meta["warnings"][0]
    # an Article made in Python refuses it
    with pytest.raises(DateError):
        Article(id="a_x", text="Words.", published=value)


@pytest.mark.parametrize("value", ["2025-02-28T10:00:00+05:30", "2025-02-28T23:59:59Z", "Fri, 28 Feb 2025 10:00:00 -0500",
                                   "28 February 2025 10:30 GMT"])
def test_a_real_time_and_offset_keep_the_day_as_written(value):
    assert check_published(value, today=TODAY) == "2025-02-28"


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    db = tmp_path_factory.mktemp("timeframe") / "store.db"
    with TestClient(create_app(str(db), token=TOKEN), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("value, reason", BAD_PUBLISHED)
def test_the_web_api_refuses_a_bad_publication_date_with_the_readers_reason(api, value, reason):
    response = api.post("/api/articles", json={"text": "Words of an article.", "published": value},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    detail = response.json()["error"]["detail"]
    assert "published" in detail and reason in detail


@pytest.mark.parametrize(("value", "end", "expected"), [
    ("2025", False, "2025-01-01"), ("2025", True, "2025-12-31"),
    ("2025-02", True, "2025-02-28"), ("2024-02", True, "2024-02-29"),
    ("2025-02-14", False, "2025-02-14"), ("2025-W07", False, "2025-02-10"),
    # the shape of a bound, not a real day: the nearest real day on its side, as the text would order it
    ("2025-02-30", False, "2025-03-01"), ("2025-02-30", True, "2025-02-28"),
    ("2025-04-00", False, "2025-04-01"), ("2025-04-00", True, "2025-03-31"),
    ("2025-13", False, "2026-01-01"), ("2025-13", True, "2025-12-31"),
    ("0000", False, "0001-01-01"), ("0000", True, None),
])
def test_bound_day(value, end, expected):
    day = timeframe.bound_day(value, end=end)
    assert (day.isoformat() if day else None) == expected


def test_bound_day_refuses_what_is_not_a_bound():
    with pytest.raises(DateError):
        timeframe.bound_day("last week", end=False)
