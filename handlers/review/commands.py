"""`/crisis review`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.subcommands import split_ref

if TYPE_CHECKING:
    from bot.review import ReviewDesk
    from escalation.incidents import Outcome


def review(review: ReviewDesk, command: dict, rest: str, **_) -> str | Outcome:
    ref, extra = split_ref(rest, bare_number=True)
    if extra:
        return ("`/crisis review` takes no text. Write `/crisis review` in the incident channel, or "
                "`/crisis review #crisis-...`.")
    return review.post_review(command["user_id"], channel_id=command.get("channel_id"), ref=ref)


# subcommand word -> function(desk, command, rest, client=...) returning the ephemeral answer
# (a str, a dict of respond() arguments such as {"text": ..., "blocks": [...]}, or an Outcome).
SUBCOMMANDS: dict = {"review": review}
HELP_LINES: list[str] = [  # one line per subcommand, with one example each
    "• `/crisis review` — post the post-incident review (response times, paging, templates, follow-ups, "
    "timeline) and upload it as Markdown, e.g. `/crisis review #crisis-20261121-bojkot`",
]
