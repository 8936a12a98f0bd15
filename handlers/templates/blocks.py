"""Block Kit for reply templates: the list, a filled template with Use, proposals, the propose form."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from handlers.markup import Block, channel, local, mention, text

USE_ACTION, APPROVE_ACTION, REJECT_ACTION = "template_use", "template_approve", "template_reject"
PROPOSE_VIEW = "template_propose"
HOW_TO_FILL = "`/crisis template <key> [lang] name=value ...`"


def catalogue_text(catalogue) -> str:
    """`/crisis template`: one line per approved key, with its languages, tags and placeholders."""
    filters = " ".join(f for f in (f"tag:{catalogue.tag}" if catalogue.tag else "",
                                   f"lang:{catalogue.language}" if catalogue.language else "") if f)
    if not catalogue.entries:
        if filters:
            return f"No approved templates match `{filters}`. `/crisis template` lists them all."
        return "No approved templates yet. Propose one with `/crisis template propose`."
    head = "*Approved reply templates*" + (f" matching `{filters}`" if filters else "")
    lines = [f"{head} · fill one with {HOW_TO_FILL}"]
    for e in catalogue.entries:
        parts = [f"• `{text(e.key)}` — {text(e.title)}", text(", ".join(e.languages))]
        if e.tags:
            parts.append("tags: " + text(", ".join(e.tags)))
        if e.placeholders:
            parts.append(" ".join("{" + p + "}" for p in e.placeholders))
        lines.append(" · ".join(parts))
    return "\n".join(lines)


def approval_note(by: str | None, at: datetime | None, tz: str) -> str:
    if by == "config":
        return "approved in the config file"
    return f"approved by {mention(by)}" + (f" on {local(at, tz)}" if at else "")


def filled_message(filled, tz: str) -> dict:
    """The ephemeral answer: the text to copy, where it comes from, and the Use button."""
    about = [f"`{text(filled.key)}` v{filled.number} ({text(filled.language)}) · {text(filled.title)}",
             approval_note(filled.approved_by, filled.approved_at, tz)]
    if filled.public:
        about.append("public reply")
    if filled.waiting:
        about.append(f"v{filled.waiting} awaits approval")
    blocks = [{"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(about)}]},
              {"type": "section", "text": {"type": "plain_text", "text": text(filled.text), "emoji": True}}]
    if filled.incident_id is not None:
        blocks.append({"type": "actions", "block_id": "template_use", "elements": [{
            "type": "button", "action_id": USE_ACTION, "style": "primary",
            "text": {"type": "plain_text", "text": "Use"},
            "value": f"{filled.incident_id}:{filled.version_id}"}]})
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
            f"Copy the text, post it, then press Use: the timeline of incident #{filled.incident_id} records "
            "which template and version you used.")}]})
    else:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
            "To record its use on an incident's timeline, run this in the incident channel or name the incident: "
            f"`/crisis template #42 {text(filled.key)} ...`")}]})
    return {"text": text(filled.text), "blocks": blocks}


@dataclass(frozen=True)
class ProposalCard:
    """A proposed version as the approvers' channel shows it."""

    version_id: int
    key: str
    language: str
    number: int
    title: str
    body: str
    tags: tuple[str, ...]
    proposed_by: str
    status: str  # draft, approved, rejected, superseded
    decided_by: str | None
    decided_at: datetime | None
    replaces: int | None  # the version served while this one waits


def proposal_text(card: ProposalCard) -> str:
    said = (f"{mention(card.proposed_by)} proposes template `{text(card.key)}` ({text(card.language)}) "
            f"v{card.number}: {text(card.title)}")
    if card.status == "draft":
        return said
    return f"{said} · {decision_word(card.status)} by {mention(card.decided_by)}"


def decision_word(status: str) -> str:
    return "rejected" if status == "rejected" else "approved"


def proposal_blocks(card: ProposalCard, tz: str) -> list[Block]:
    """The proposal: who, what, the wording; Approve / Reject while it waits, then who decided."""
    about = [f"*{mention(card.proposed_by)} proposes* `{text(card.key)}` ({text(card.language)}) v{card.number} — "
             f"{text(card.title)}"]
    if card.status == "draft":
        about.append(f"Replaces v{card.replaces}, which stays in use until this is approved." if card.replaces
                     else "A new template: nothing is served until this is approved.")
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(about)}},
        {"type": "section", "text": {"type": "plain_text", "text": text(card.body), "emoji": True}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"Tags: {text(', '.join(card.tags)) or 'none'}"}]}]
    if card.status == "draft":
        blocks.append({"type": "actions", "block_id": f"template_decision_{card.version_id}", "elements": [
            {"type": "button", "action_id": APPROVE_ACTION, "style": "primary", "value": str(card.version_id),
             "text": {"type": "plain_text", "text": "Approve"}},
            {"type": "button", "action_id": REJECT_ACTION, "style": "danger", "value": str(card.version_id),
             "text": {"type": "plain_text", "text": "Reject"}}]})
    else:
        icon = ":x:" if card.status == "rejected" else ":white_check_mark:"
        when = f" on {local(card.decided_at, tz)}" if card.decided_at else ""  # set with the decision
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
            f"{icon} {decision_word(card.status).capitalize()} by {mention(card.decided_by)}{when}")}]})
    return blocks


def propose_view(draft=None, *, editing: bool = False, default_language: str = "en") -> dict:
    """The propose form; editing shows the key and language fixed and the wording prefilled."""
    def field(block_id: str, label: str, initial: str | None, *, multiline: bool = False, optional: bool = False,
              hint: str | None = None, max_length: int | None = None) -> dict:
        element = {"type": "plain_text_input", "action_id": block_id, "multiline": multiline}
        if initial:
            element["initial_value"] = initial
        if max_length:
            element["max_length"] = max_length
        block = {"type": "input", "block_id": block_id, "optional": optional, "element": element,
                 "label": {"type": "plain_text", "text": label}}
        if hint:
            block["hint"] = {"type": "plain_text", "text": hint}
        return block

    blocks = []
    if editing:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": (
            f"Editing `{text(draft.key)}` ({text(draft.language)}). The approved version stays in use until an "
            "approver approves this change.")}})
    else:
        blocks += [field("key", "Key", None, hint="Lowercase, like holding-statement", max_length=64),
                   field("language", "Language", default_language, hint="A code like en or pl", max_length=16)]
    blocks += [
        field("tags", "Tags", ", ".join(draft.tags) if draft else None, optional=True,
              hint="public marks text for public replies; add crisis types or platforms, like public, twitter"),
        field("title", "Title", draft.title if draft else None, max_length=150),
        field("body", "Text", draft.body if draft else None, multiline=True, max_length=2500,
              hint="Placeholders look like {time}; they are filled in when the template is used"),
    ]
    metadata = {"key": draft.key, "language": draft.language} if editing else {}
    return {"type": "modal", "callback_id": PROPOSE_VIEW, "private_metadata": json.dumps(metadata),
            "title": {"type": "plain_text", "text": "Edit template" if editing else "Propose a template"},
            "submit": {"type": "plain_text", "text": "Send for approval"},
            "close": {"type": "plain_text", "text": "Cancel"}, "blocks": blocks}


def proposed_view(proposed) -> dict:
    """What the form turns into once the proposal is stored."""
    replaces = (f" v{proposed.replaces} stays in use until it is approved." if proposed.replaces else "")
    return {"type": "modal", "title": {"type": "plain_text", "text": "Sent for approval"},
            "close": {"type": "plain_text", "text": "Done"},
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": (
                f"`{text(proposed.key)}` ({text(proposed.language)}) v{proposed.number} was sent to the approvers in "
                f"{channel(proposed.channel)}.{replaces} You will get a message when it is approved or rejected.")}}]}
