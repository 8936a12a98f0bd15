"""YAML text -> plain values plus the line of every key path, so config problems can say where they are."""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.config.problems import Problem
from bot.config.scalars import ConfigLoader, construct_scalar

_MERGE_TAG = "tag:yaml.org,2002:merge"


def join(path: str, key: object) -> str:
    """The key path of `key` inside the mapping at `path`: `policies` + `brand` -> `policies.brand`."""
    return f"{path}.{key}" if path else str(key)


def index(path: str, position: int) -> str:
    """The key path of item `position` (from 0) of the list at `path`: `levels[0]`."""
    return f"{path}[{position}]"


def parent(path: str) -> str:
    """The enclosing path: `a.b[1].c` -> `a.b[1]` -> `a.b` -> `a` -> `` (the top)."""
    if path.endswith("]") and "[" in path:
        return path[: path.rindex("[")]
    return path[: path.rindex(".")] if "." in path else ""


@dataclass
class Document:
    """The plain values of a YAML file and the 1-based line of each key path in it ("" is the top)."""

    data: object
    lines: dict[str, int] = field(default_factory=dict)

    def line_for(self, path: str) -> int | None:
        """The line of `path`, or of its closest ancestor that appears in the file."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = parent(path)


def read_document(text: str, problems: list[Problem]) -> Document | None:
    """Parse YAML text; on a syntax error (or an empty file, or one nested too deeply) append one Problem and
    return None."""
    loader = ConfigLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem("", "the file is empty; see crisisdesk.example.yaml for a start", 1))
            return None
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(error, last_line=max(1, len(text.splitlines()))))
        return None
    except yaml.YAMLError as error:  # unmarked errors are rare (e.g. a bad encoding); no line to give
        problems.append(Problem("", f"not valid YAML: {error}", 1))
        return None
    except RecursionError:  # PyYAML reads nesting recursively: a few hundred `[` in a row exhaust Python's stack
        problems.append(Problem("", "nested too deeply to read: hundreds of lists or mappings inside each other; "
                                    "look for a run of [ or {", loader.get_mark().line + 1))
        return None
    finally:
        loader.dispose()
    document = Document(data)
    _record(node, "", document.lines, problems, set())
    document.lines.setdefault("", node.start_mark.line + 1)
    return document


def _syntax_problem(error: yaml.MarkedYAMLError, last_line: int) -> Problem:
    problem_mark, context_mark = error.problem_mark, error.context_mark
    # An unfinished token or flow collection (a key without ':', an unclosed quote or bracket) is reported
    # where the parser gave up, often lines later or at the end of the file; where it started is what to fix.
    unfinished = (error.context or "").startswith(("while scanning", "while parsing a flow"))
    mark = context_mark if unfinished and context_mark else problem_mark or context_mark
    line = min(mark.line + 1, last_line) if mark else 1
    message = error.problem or error.context or "not valid YAML"
    if error.problem and error.context:
        if unfinished and context_mark:
            message += f" ({error.context}, which starts on this line)"
        elif context_mark and context_mark.line + 1 != line:
            message += f" ({error.context} on line {context_mark.line + 1})"
        else:
            message += f" ({error.context})"
    return Problem("", f"YAML syntax error: {message}", line)


def _record(node: Node, path: str, lines: dict[str, int], problems: list[Problem], active: set[int]) -> None:
    if id(node) in active:  # a recursive alias; its lines are already recorded
        return
    active.add(id(node))
    if isinstance(node, MappingNode):
        _record_mapping(node, path, lines, problems, active)
    elif isinstance(node, SequenceNode):
        for position, item in enumerate(node.value):
            item_path = index(path, position)
            lines.setdefault(item_path, item.start_mark.line + 1)
            _record(item, item_path, lines, problems, active)
    active.discard(id(node))


def _record_mapping(node: MappingNode, path: str, lines: dict[str, int], problems: list[Problem],
                    active: set[int]) -> None:
    seen: dict[str, int] = {}
    merged: list[Node] = []
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE_TAG:
            merged += value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            continue
        key = _key(key_node)
        line = key_node.start_mark.line + 1
        key_path = join(path, key)
        if key in seen:
            problems.append(Problem(key_path, f"duplicate key {key!r} (first on line {seen[key]})", line))
            continue
        seen[key] = line
        lines.setdefault(key_path, line)
        _record(value_node, key_path, lines, problems, active)
    # Keys brought in with `<<: *anchor` are located at the anchor; keys written here take precedence.
    for source in merged:
        if isinstance(source, MappingNode):
            for key_node, value_node in source.value:
                key = _key(key_node)
                if key not in seen:
                    seen[key] = key_node.start_mark.line + 1
                    lines.setdefault(join(path, key), seen[key])
                    _record(value_node, join(path, key), lines, problems, active)


def _key(node: Node) -> str:
    """A key as the parsers name it: the text of the loaded value, so `yes:` is `True` and `0x1F:` is `31`."""
    if not isinstance(node, ScalarNode):
        return "?"
    try:
        return str(construct_scalar(node))
    except yaml.YAMLError:
        return node.value
