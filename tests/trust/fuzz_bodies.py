"""Hypothesis strategies for what outsiders send: real payloads with fields swapped for anything, JSON of any shape,
and bytes that are no JSON at all. Shared by the fuzz tests and benchmarks/fuzz_webhooks.py."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

FIXTURES = Path(__file__).parent.parent / "fixtures" / "webhooks"

# Characters a database or an encoder trips over, mixed into every generated string.
AWKWARD = ["\x00", "\ud800", "\udfff", "\ud83d", "²", "٣", "\u202e", "<!channel>", "\n", "\\", '"', "é", "😀"]
text = st.lists(st.characters() | st.sampled_from(AWKWARD), max_size=30).map("".join) | st.sampled_from(
    ["", " ", "x" * 300, "k" * 5000, "9" * 30, "²", "2026-11-28T03:00:00+01:00", "9999-12-31T23:59:59-01:00",
     "https://example.com/x", "javascript:alert(1)", "firing", "resolved", "critical", "1"])
numbers = st.integers() | st.integers(min_value=10**18, max_value=10**120) | st.floats(allow_nan=False) \
    | st.sampled_from([0, -1, 2**63, 1e308, -0.0])
scalars = st.none() | st.booleans() | numbers | text
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(text, inner, max_size=4), max_leaves=12)

# Bodies no generator above makes: past the decoder's limits, or past the database's.
SPECIAL = [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a":' * 70 + b"1" + b"}" * 70,
    b'{"title": "x", "n": ' + b"1" * 5000 + b"}",
    b'{"title": "x", "n": 1e999}',
    b'{"title": "x", "n": -1e999}',
    b'{"title": "x\\ud800"}',
    b'{"title": "x\\u0000"}',
    b'{"title": "x", "labels": {"k\\u0000": "v"}}',
    b'{"title": "x", "n": NaN}',
    b"\xef\xbb\xbf{}",
    b"\xff\xfe{",
    b"null",
]


def load(name: str) -> object:
    return json.loads((FIXTURES / name).read_text())


def paths(doc: object, at: tuple = ()) -> list[tuple]:
    """Every place in `doc` a value can be swapped: object keys and list positions, from the top."""
    found = [at]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += paths(value, (*at, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found += paths(value, (*at, i))
    return found


def swapped(doc: object, at: tuple, value: object) -> object:
    """A copy of `doc` with the value at `at` replaced."""
    if not at:
        return value
    copy = dict(doc) if isinstance(doc, dict) else list(doc)  # type: ignore[call-overload]
    copy[at[0]] = swapped(copy[at[0]], at[1:], value)
    return copy


@st.composite
def mutated(draw, docs: list[object]) -> object:
    """A real payload with one to three of its values swapped for anything."""
    doc = draw(st.sampled_from(docs))
    for _ in range(draw(st.integers(1, 3))):
        doc = swapped(doc, draw(st.sampled_from(paths(doc))), draw(json_values))
    return doc


def encoded(doc: object, ascii_only: bool) -> bytes:
    """JSON bytes; without ASCII escapes a lone surrogate becomes bytes that are not UTF-8."""
    return json.dumps(doc, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def bodies(docs: list[object]) -> st.SearchStrategy[bytes]:
    """Anything a careless or hostile sender posts, weighted towards payloads that almost make sense."""
    as_json = st.builds(encoded, mutated(docs) | json_values, st.booleans())
    as_sent = st.builds(encoded, st.sampled_from(docs), st.just(True))
    return as_json | as_json | as_json | as_sent | st.binary(max_size=300) | st.sampled_from(SPECIAL)
