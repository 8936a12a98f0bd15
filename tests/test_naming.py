import re
from datetime import UTC, datetime

import pytest

from escalation.incidents.naming import MAX_LEN, channel_name, slugify, with_suffix

SLACK_NAME = re.compile(r"[a-z0-9_-]{1,80}\Z")
# 23:30 UTC on 27 November is already 28 November in Warsaw
LATE_EVENING_UTC = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)
LONG_TITLE = ("Influencer with 2M followers calls our new formula unsafe and asks fans to boycott "
              "every store until the company apologises publicly")


def name(pattern="inc-{number}-{date}-{title}", *, number=42, title="Negative mentions x8", source="brandwatch",
         severity=2, created_at=LATE_EVENING_UTC, tz="Europe/Warsaw"):
    return channel_name(pattern, number=number, title=title, source=source, severity=severity,
                        created_at=created_at, tz=tz)


@pytest.mark.parametrize("pattern, title, expected", [
    ("inc-{number}-{date}-{title}", "Żółć! Bojkot marki — 1500 negatywnych wzmianek",
     "inc-42-20261128-zolc-bojkot-marki-1500-negatywnych-wzmianek"),
    ("inc-{number}-{title}", "Łódź: ŁAŃCUCH sklepów źle oznaczył ceny",
     "inc-42-lodz-lancuch-sklepow-zle-oznaczyl-ceny"),
    ("inc-{number}-{title}", "Straße, Æther, Øresund, Þór, İstanbul, ﬁnance",
     "inc-42-strasse-aether-oresund-thor-istanbul-finance"),
    ("inc-{number}-{title}", "🔥🔥 Brand on fire 🚒", "inc-42-brand-on-fire"),
    ("inc-{number}-{title}", "Account hacked?! (again...)", "inc-42-account-hacked-again"),
    ("inc-{number}-{title}", "snake_case stays", "inc-42-snake_case-stays"),
    ("inc-{number}-{title}", "!!! — ??? …", "inc-42"),
    ("inc-{number}-{title}", "🔥🔥🔥", "inc-42"),
    ("{title}", "!!! — ???", "incident-42"),
    ("{title}", "Отказ сервиса", "incident-42"),  # no transliteration beyond Latin letters
    ("{title}--{number}", "", "42"),
    ("Crisis {date} {severity} {source}", "x", "crisis-20261128-sev2-brandwatch"),
    ("{date}_{number}", "x", "20261128_42"),
    ("-_{title}_-", "Hello", "hello"),
])
def test_channel_name(pattern, title, expected):
    result = name(pattern, title=title)
    assert result == expected
    assert SLACK_NAME.match(result)


def test_date_is_taken_in_the_configured_zone():
    assert name("{date}", tz="UTC") == "20261127"
    assert name("{date}", tz="Europe/Warsaw") == "20261128"


def test_source_is_slugified():
    assert name("{source}-{number}", source="Brand Watch") == "brand-watch-42"


@pytest.mark.parametrize("pattern", [
    "inc-{number}-{date}-{title}", "{title}-{number}", "{date}-{title}-{severity}-{source}", "{title}",
])
def test_long_title_is_cut_and_the_rest_survives(pattern):
    result = name(pattern, title=LONG_TITLE * 2)
    assert len(result) <= MAX_LEN
    assert SLACK_NAME.match(result) and not result.endswith(("-", "_"))
    for kept in ("42", "20261128", "sev2", "brandwatch"):
        if kept in name(pattern, title="t"):
            assert kept in result
    assert "influencer-with-2m-followers" in result


def test_long_title_is_cut_at_a_word_end():
    result = name("inc-{number}-{date}-{title}", title=LONG_TITLE)
    assert result == "inc-42-20261128-influencer-with-2m-followers-calls-our-new-formula-unsafe-and"


def test_long_literal_pattern_is_cut_when_the_title_cannot_absorb_it():
    result = name("{number}-" + "war-room-" * 12, title="x")
    assert len(result) <= MAX_LEN and result.startswith("42-war-room") and not result.endswith("-")


def test_unknown_placeholder_is_refused():
    with pytest.raises(ValueError, match=r"unknown placeholder \{brand\}"):
        name("inc-{brand}")


def test_naive_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        name(created_at=datetime(2026, 11, 28, 3, 0))


@pytest.mark.parametrize("base, attempt, expected", [
    ("inc-42-bojkot", 1, "inc-42-bojkot"),
    ("inc-42-bojkot", 2, "inc-42-bojkot-2"),
    ("inc-42-bojkot", 3, "inc-42-bojkot-3"),
    ("a" * 80, 2, "a" * 78 + "-2"),
    ("a" * 79, 12, "a" * 77 + "-12"),
    ("a" * 77 + "-bc", 2, "a" * 77 + "-2"),  # no "--" where the base is cut
    ("a" * 76, 2, "a" * 76 + "-2"),
])
def test_with_suffix(base, attempt, expected):
    result = with_suffix(base, attempt)
    assert result == expected
    assert len(result) <= MAX_LEN


@pytest.mark.parametrize("text, max_len, expected", [
    ("Żółć! Bojkot marki", 80, "zolc-bojkot-marki"),
    ("Żółć! Bojkot marki", 14, "zolc-bojkot"),  # cut at a word end rather than "zolc-bojkot-ma"
    ("Żółć! Bojkotmarkiwszedzie", 10, "zolc-bojko"),  # the last word end is too far back: hard cut
    ("Bojkotmarkiwszedzie", 10, "bojkotmark"),
    ("  --Hello__  ", 80, "hello"),
    ("", 80, ""),
    ("abc", 0, ""),
])
def test_slugify(text, max_len, expected):
    assert slugify(text, max_len) == expected
