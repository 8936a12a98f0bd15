"""The YAML loader the config is read with: PyYAML's safe loader, except that a scalar which looks like a number,
true/false or a date but is none (`2026-02-30`, `!!int x`, a number too long to print) stays the text it is.

PyYAML raises a bare ValueError for those, with neither the line nor the key; as text, the value reaches the
reader of its field, which says which field it is and what it expects there.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import Node, ScalarNode

# Python refuses to print an int of more than 4300 digits (sys.int_info.default_max_str_digits), and no setting
# is a number that long; 14,000 bits is about 4,200 digits.
MAX_INT_BITS = 14_000
LENIENT_TAGS = ("int", "float", "bool", "timestamp")


class ConfigLoader(yaml.SafeLoader):
    """yaml.SafeLoader with the lenient scalars of this module."""


def construct_scalar(node: Node) -> object:
    """The value of one scalar node (a mapping key) as ConfigLoader reads it."""
    loader = ConfigLoader("")
    try:
        return loader.construct_object(node)
    finally:
        loader.dispose()


def _lenient(construct: Callable[[Any, Node], Any]) -> Callable[[ConfigLoader, Node], object]:
    def construct_or_text(constructor: ConfigLoader, node: Node) -> object:
        try:
            value = construct(constructor, node)
        except (ValueError, OverflowError, KeyError, AttributeError, TypeError):
            # e.g. day is out of range for month, a UTC offset of 25 hours, `!!bool maybe`, `!!timestamp x`
            return _text(node)
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
            return _text(node)
        return value
    return construct_or_text


def _text(node: Node) -> object:
    return node.value if isinstance(node, ScalarNode) else None


for _tag in LENIENT_TAGS:
    _name = f"tag:yaml.org,2002:{_tag}"
    ConfigLoader.add_constructor(_name, _lenient(SafeConstructor.yaml_constructors[_name]))
