"""Bounds on webhook bodies (handlers/inbound/bounds.py): the quick walk every valid body takes finds exactly what
the walk that keeps paths finds, and the answer names the place."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.inbound.bounds import Bound, _locate, _within
from handlers.inbound.errors import PayloadError, load_json

NESTED = "[" * 64 + "]" * 64


@pytest.mark.parametrize(("body", "said"), [
    ('{"alerts": [{}, {"labels": {"team": "a\\u0000b"}}]}',
     'alerts[1].labels.team: a NUL character (\\u0000) in the text at character 1; it cannot be stored'),
    ('[{"labels": {"te\\ud800am": "x"}}]',
     '[0].labels["te\\ud800am"]: a lone surrogate (\\ud800) in the name at character 2; it is not valid Unicode'),
    ('{"a": ' + NESTED + "}", "body: nested deeper than 64 levels"),
    ('[{"a": "\\u0000"}, ' + NESTED + "]", "body: nested deeper than 64 levels"),  # an escape, not a NUL
])
def test_a_body_out_of_bounds_is_refused_naming_the_place(body, said):
    with pytest.raises(PayloadError) as refused:
        load_json(body.encode())
    assert str(refused.value) == said


def test_a_body_at_the_bounds_passes():
    doc = {"a": json.loads("[" * 63 + "]" * 63), "text": "\u00e9\u4e2d", "n": 10**99}
    assert load_json(json.dumps(doc).encode()) == doc


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=st.sampled_from("ab\x00\ud800\udfff é")),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet="a\x00\ud800", max_size=2), inner,
                                                                max_size=3),
    max_leaves=20)


def deepen(doc: object, levels: int) -> object:
    for _ in range(levels):
        doc = [doc]
    return doc


@given(json_values, st.integers(min_value=0, max_value=70), st.booleans())
def test_the_quick_walk_and_the_walk_with_paths_agree(doc, levels, escapes):
    doc = deepen(doc, levels)
    quick = _within(doc, escapes)
    try:
        _locate(doc, escapes)
    except Bound:
        assert not quick
    else:
        assert quick
