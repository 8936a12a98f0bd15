"""`/crisis pulse [topic] [chart]`: a topic's numbers now against its baseline, and its chart on demand."""
from __future__ import annotations

from typing import TYPE_CHECKING

from escalation.signals.wording import UNSCORED_WHY, number, percent, plural, scored_by, span
from handlers.markup import text

if TYPE_CHECKING:
    from bot.signals import SignalDesk

NO_TOPICS = ("No topics are watched yet. Add them under `signals.topics` in the config, e.g. "
             "`topics: {brand: {keywords: [Acme, \"@acme\"]}}` (see docs/signals.md), then restart crisisdesk.")
USAGE = "Write `/crisis pulse [topic] [chart]`, e.g. `/crisis pulse {topic}` or `/crisis pulse {topic} chart`."


def pulse_command(signals: SignalDesk, command: dict, rest: str, **_) -> str:
    topics = signals.topics()
    if not topics:
        return NO_TOPICS
    words = rest.split()
    chart = bool(words) and words[-1].lower() == "chart"
    words = words[:-1] if chart else words
    if len(words) > 1:
        return USAGE.format(topic=topics[0])
    channel = command.get("channel_id")
    name = words[0].lower() if words else signals.topic_of_channel(channel) or (topics[0] if len(topics) == 1 else None)
    if name is None:
        answers = [numbers_text(topic, signals.pulse(topic, channel)) for topic in topics]
        return "\n\n".join(answers + ["Name a topic to see its chart. " + USAGE.format(topic=topics[0])])
    if name not in topics:
        listed = ", ".join(f"`{topic}`" for topic in topics)
        return f"No topic `{words[0]}`. Topics: {listed}. " + USAGE.format(topic=topics[0])
    text = numbers_text(name, signals.pulse(name, channel))
    if not chart:
        return f"{text}\nThe chart of the last hours: `/crisis pulse {name} chart`."
    if not channel:  # Slack names the channel of every slash command; without one there is nowhere to post
        return f"{text}\nThe command came without a channel, so there is nowhere to post the chart."
    signals.post_chart(name, channel)
    return f"{text}\nPosting the chart of {name} in <#{channel}>."


def numbers_text(name: str, p) -> str:
    window = span(p.window)
    share = "not enough scored mentions to say" if p.negative_share is None else percent(p.negative_share)
    if p.band is not None:
        share += f" (usually {percent(p.baseline_negative_share)}, band {percent(p.band[0])}–{percent(p.band[1])})"
    else:
        share += " (no baseline yet)"
    mean = "—" if p.mean_polarity is None else f"{p.mean_polarity:+.2f}"
    return "\n".join([
        f"*Pulse of {text(name)}*, last {window}",
        f"• Volume: {plural(p.mentions, 'mention')} (usually {number(p.baseline_mentions)} in {window})",
        f"• Negative share: {share}",
        f"• Mean sentiment: {mean} (-1 to +1)",
        f"• Scored by: {scored_by(p.scored_by)}",
        f"• Unscored: {p.unscored:,} ({UNSCORED_WHY})",
    ])


SUBCOMMANDS: dict = {"pulse": pulse_command}
HELP_LINES: list[str] = [
    "• `/crisis pulse [topic] [chart]` — a topic's mentions, negative share and sentiment now against its "
    "baseline; `chart` posts its chart here, e.g. `/crisis pulse brand chart`",
]
