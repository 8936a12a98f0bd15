"""Pure rules: placeholders, filling them, reading `/crisis template` arguments, what a valid draft is."""
from __future__ import annotations

import pytest

from escalation.templates.text import Draft, MissingValues, draft_problems, fill, normalize_tags, placeholders
from handlers.templates.words import parse_template_args, split_words


@pytest.mark.parametrize("body, names", [
    ("No placeholders.", []),
    ("Update by {time}, then again by {time}.", ["time"]),
    ("{name}: {order_number} {{not one}}", ["name", "order_number"]),
])
def test_placeholders_in_order_once_each(body, names):
    assert placeholders(body) == names


@pytest.mark.parametrize("body", ["Hi {", "{0}", "{name.attr}", "{name[0]}", "{time:%H}", "{time!r}", "{Name}", "{}"])
def test_anything_but_a_plain_name_is_refused(body):
    with pytest.raises(ValueError):
        placeholders(body)


def test_fill_replaces_every_placeholder_and_keeps_literal_braces():
    assert fill("{name}, update by {time} {{sic}} {time}", {"name": "Ola", "time": "15:00"}) == \
        "Ola, update by 15:00 {sic} 15:00"


def test_a_value_is_never_read_as_a_format_string():
    assert fill("Hi {name}", {"name": "{0.__class__} {time}"}) == "Hi {0.__class__} {time}"


def test_fill_names_what_is_missing_and_what_is_unknown():
    with pytest.raises(MissingValues) as raised:
        fill("{a} {b} {c}", {"b": "x", "c": "", "d": "y"})
    assert (raised.value.missing, raised.value.unknown) == (["a", "c"], ["d"])


def test_tags_are_lowercased_and_split_on_commas_or_spaces():
    assert normalize_tags(" Public, twitter  facebook,public ") == ("public", "twitter", "facebook")
    assert normalize_tags("") == ()


def test_a_good_draft_has_no_problems():
    assert draft_problems(Draft("holding-statement", "pt-br", "Title", "Body {time}", ("public",))) == {}


def test_a_long_body_or_title_says_how_long():
    problems = draft_problems(Draft("k", "en", "t" * 151, "b" * 2501))
    assert problems == {"title": "At most 150 characters (this one has 151).",
                        "body": "At most 2500 characters (this one has 2501)."}


@pytest.mark.parametrize("text, words", [
    ('a time="15:00 CET" b=1', [(None, "a"), ("time", "15:00 CET"), ("b", "1")]),
    ("name=„Ola Nowak” x='a b' y=“c d”", [("name", "Ola Nowak"), ("x", "a b"), ("y", "c d")]),
    ("link=<https://x.test|a b c> z", [("link", "<https://x.test|a b c>"), (None, "z")]),
    ("=x a=b=c", [(None, "=x"), ("a", "b=c")]),
])
def test_split_words(text, words):
    assert split_words(text) == words


def test_parse_key_language_and_values():
    asked = parse_template_args('Holding-Statement PL Time="15:00" link=<https://brand.test/status>')
    assert (asked.key, asked.language, asked.tag, asked.values) == (
        "holding-statement", "pl", None, {"time": "15:00", "link": "https://brand.test/status"})


def test_parse_filters():
    asked = parse_template_args("TAG:Public lang:PL")
    assert (asked.key, asked.language, asked.tag, asked.values) == (None, "pl", "public", {})
