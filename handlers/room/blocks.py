"""What the room commands say in Slack: change notices, status updates, pages on demand, the topic."""
from __future__ import annotations

from escalation.incidents import TRIGGERED, IncidentCard
from escalation.room.service import ROLE_NAMES
from handlers.incidents import ACK_ACTION
from handlers.markup import Block, channel, mention, severity, text, typed


def headline(card: IncidentCard) -> str:
    return f"incident #{card.number} · {severity(card.severity)} · {text(card.title)}"


def notice_text(notice: dict, severities: dict[int, str]) -> str:
    """The channel's line about a change made with a room command."""
    what, actor = notice["what"], mention(notice["actor"])
    if what == "severity":
        before, after = notice["before"], notice["after"]
        raised = after < before  # SEV1 is the worst
        meaning = f" ({text(severities[after])})" if after in severities else ""
        return (f"{':arrow_up:' if raised else ':arrow_down:'} {actor} {'raised' if raised else 'lowered'} the "
                f"severity to {severity(after)}{meaning}, was {severity(before)}.")
    if what == "type":
        was = f", was {text(notice['before'])}" if notice.get("before") else ""
        return f":label: {actor} classified the crisis as {text(notice['after'])}{was}."
    if what == "role":
        was = f", taking over from {mention(notice['before'])}" if notice.get("before") else ""
        role = ROLE_NAMES[notice["role"]].lower()
        return f":bust_in_silhouette: {mention(notice['after'])} is now the {role}{was} (set by {actor})."
    if what == "status_update":
        return f":mega: *Status update* from {actor}:\n{typed(notice['text'])}"
    raise ValueError(f"no notice for {what!r}")


def stakeholder_text(card: IncidentCard, actor: str, words: str) -> str:
    where = f" ({channel(card.channel_id)})" if card.channel_id else ""
    return f":mega: Status update on {headline(card)}{where} from {mention(actor)}:\n{typed(words)}"


def page_now_text(card: IncidentCard, by: str) -> str:
    return f"You are paged by {mention(by)} for {headline(card)}"


def page_now_blocks(card: IncidentCard, by: str) -> list[Block]:
    """The DM of a page someone asked for; Acknowledge only while nobody has."""
    where = f"Join {channel(card.channel_id)}." if card.channel_id else "The incident channel is being opened."
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f":rotating_light: *{page_now_text(card, by)}*"}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": where}]}]
    if card.status == TRIGGERED:
        blocks.append({"type": "actions", "block_id": f"page-{card.number}", "elements": [
            {"type": "button", "action_id": ACK_ACTION, "style": "primary", "value": str(card.number),
             "text": {"type": "plain_text", "text": "Acknowledge"}}]})
    return blocks


def channel_page_now_text(user_ids: list[str], unknown: list[str], by: str, status: str) -> str:
    """The channel's mention of the people paged on demand."""
    missing = f" Not found in Slack, so not paged: {text(', '.join(unknown))}." if unknown else ""
    if not user_ids:
        return f"Nobody could be paged.{missing}"
    people = " ".join(mention(u) for u in user_ids)
    if status == TRIGGERED:
        return (f"{people} you are paged by {mention(by)}. Press Acknowledge in the pinned summary or type "
                f"`/crisis ack`.{missing}")
    return f"{people} you are paged by {mention(by)}: please join here.{missing}"


def group_nobody_text(label: str, why: str) -> str:
    """The channel's line when a user group paged on demand pages nobody."""
    return f":warning: Nobody was paged for {text(label)}: {text(why)}."
