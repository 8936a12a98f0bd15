"""Scenarios for the drill engine's tests, built as values (the YAML parser has its own tests), and a config with
a person only drills page, and an on-call admin channel a drill must never reach."""
from __future__ import annotations

from datetime import timedelta

from bot.config.loader import load_config_text
from escalation.drills import AlertStep, Expectation, Pages, Scenario, Step
from tests.support.config import CONFIG

KASIA = ("kasia", "U0KASIA", "Kasia Kowalska", "kasia@brand.test")
MINUTE = timedelta(minutes=1)


def drill_config(admins: str, more: str = ""):
    """The tests' config, with Kasia, an admin channel, and the default last resort (managers, admin channel);
    `more`: sections added at its end."""
    text = CONFIG.replace("users:\n", "users:\n  kasia: {slack_id: U0KASIA, name: Kasia Kowalska}\n", 1)
    return load_config_text(text + f"oncall:\n  admin_channel: {admins}\n" + more)


def alert(at: int, title: str, group: str, **fields) -> Step:
    return Step(at=at * MINUTE, alert=AlertStep(title=title, group=group, **fields))


KASIA_ONLY = Pages(people=("kasia",))


def scenario(*steps: Step, expect: tuple[Expectation, ...] = (), pages: Pages = KASIA_ONLY,
             ends_after: timedelta = timedelta(hours=2), admin: bool = False) -> Scenario:
    return Scenario(name="checkout-outage", title="Checkout down on Friday <18:00>", description="", pages=pages,
                    steps=steps, expect=expect, ends_after=ends_after, admin=admin)


def opened(channel: str, number: int, title: str, paged: str = "U0KASIA") -> list[tuple[str, str, str]]:
    """A drill incident's first messages: the tick that opens it pages it, so the page DM goes first, then the
    summary carrying the page's channel mention."""
    return [("post", f"dm:{paged}", f"[DRILL] You are paged (level 1) for incident #{number} · SEV3 · {title}"),
            ("post", channel, f"[DRILL] Incident #{number} · SEV3 · {title}\n<@{paged}> you are paged (level 1). "
                              "Press Acknowledge in the pinned summary or type `/crisis ack`.")]
