"""The declare modal: title, severity with its meaning, crisis type, description, the policy to page (or nobody
yet), the commander, a private channel; and reading its submission back into plain values."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from escalation.incidents import Declaration, Evidence
from escalation.incidents.declaring import TITLE_LIMIT
from handlers.markup import Block, clip
from handlers.subcommands import as_number

DECLARE_VIEW = "incident_declare"
NOBODY = "none"  # the policy option "Page nobody yet"
PRIVATE = "private"
SEVERITY_WORDS = {1: "the worst", 2: "major", 3: "moderate", 4: "minor"}
DESCRIPTION_LIMIT = 2900


@dataclass(frozen=True)
class Choices:
    """What the config offers in the form."""

    severities: dict[int, str]  # SEV level -> what it means
    types: tuple[str, ...]
    policies: tuple[tuple[str, str | None], ...]  # (name, description)
    default_policy: str | None  # what a declaration pages unless changed; None: nobody
    private: bool


def option(label: str, value: str, description: str | None = None) -> Block:
    # Option texts are plain_text: Slack shows them literally, so nothing in them can ping or link.
    found: Block = {"text": {"type": "plain_text", "text": clip(label, 75)}, "value": value}
    if description:
        found["description"] = {"type": "plain_text", "text": clip(description, 75)}
    return found


def field(block_id: str, label: str, element: Block, *, optional: bool = False, hint: str | None = None) -> Block:
    block: Block = {"type": "input", "block_id": block_id, "optional": optional,
                    "element": {**element, "action_id": block_id}, "label": {"type": "plain_text", "text": label}}
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def select(options: list[Block], initial: Block | None, placeholder: str) -> Block:
    element: Block = {"type": "static_select", "options": options,
                      "placeholder": {"type": "plain_text", "text": placeholder}}
    if initial is not None:
        element["initial_option"] = initial
    return element


def declare_view(choices: Choices, user_id: str, title: str = "", description: str = "",
                 evidence: Evidence | None = None) -> dict:
    severities = [option(f"SEV{n}", str(n), choices.severities.get(n) or SEVERITY_WORDS[n]) for n in (1, 2, 3, 4)]
    policies = [option(name, name, about) for name, about in choices.policies]
    policies.append(option("Page nobody yet", NOBODY, "Open the room; page people later with /crisis page"))
    default = next((o for o in policies if o["value"] == (choices.default_policy or NOBODY)), policies[-1])
    private = option("Private channel", PRIVATE, "Only the people invited see it")
    text_input: Block = {"type": "plain_text_input", "max_length": TITLE_LIMIT}
    if title:
        text_input["initial_value"] = clip(title, TITLE_LIMIT)
    about: Block = {"type": "plain_text_input", "multiline": True, "max_length": DESCRIPTION_LIMIT}
    if description:
        about["initial_value"] = description[:DESCRIPTION_LIMIT]
    blocks = [
        field("title", "Title", text_input, hint="A few words the room and the channel name will use"),
        field("severity", "Severity", select(severities, severities[2], "How bad is it?")),
        field("crisis_type", "Crisis type", select([option(t, t) for t in choices.types[:100]], None,
                                                   "Choose a type"), optional=True),
        field("description", "What happened", about, optional=True),
        field("policy", "Page", select(policies, default, "Whom to page")),
        field("commander", "Commander", {"type": "users_select", "initial_user": user_id}),
        field(PRIVATE, "Channel", {"type": "checkboxes", "options": [private],
                                   **({"initial_options": [private]} if choices.private else {})}, optional=True),
    ]
    metadata = json.dumps({"evidence": asdict(evidence)} if evidence else {})
    return {"type": "modal", "callback_id": DECLARE_VIEW, "private_metadata": metadata,
            "title": {"type": "plain_text", "text": "Declare a crisis"},
            "submit": {"type": "plain_text", "text": "Declare"},
            "close": {"type": "plain_text", "text": "Cancel"}, "blocks": blocks}


@dataclass(frozen=True)
class Submitted:
    title: str
    severity: int | None
    description: str
    declaration: Declaration


def submitted(view: dict, user_id: str) -> Submitted:
    """The form's values as plain values; what is missing stays empty for the core's checks to name."""
    state = (view.get("state") or {}).get("values") or {}

    def value(block: str) -> dict:
        return (state.get(block) or {}).get(block) or {}

    def chosen(block: str) -> str | None:
        return (value(block).get("selected_option") or {}).get("value")

    severity = chosen("severity")
    policy = chosen("policy")
    evidence = json.loads(view.get("private_metadata") or "{}").get("evidence")
    private = any(o.get("value") == PRIVATE for o in value(PRIVATE).get("selected_options") or [])
    declaration = Declaration(by=user_id, commander=value("commander").get("selected_user") or user_id,
                              policy=None if policy in (None, NOBODY) else policy, private=private,
                              crisis_type=chosen("crisis_type"), evidence=Evidence(**evidence) if evidence else None)
    return Submitted(title=value("title").get("value") or "",
                     severity=as_number(severity),
                     description=value("description").get("value") or "", declaration=declaration)
