"""What `/healthz` says about Slack: the team the bot token belongs to (checked with auth.test at start), or why
Slack refused a token, so a wrong token is seen at once rather than after hours of failed pages."""
from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)
# Slack's answers that mean the token itself is wrong; anything else (a timeout, a 5xx) says nothing about it.
# `not_allowed_token_type` and `team_access_not_granted` are not here: they refuse one method or one team's
# channel, while the token goes on working for everything else.
REFUSED = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}


def refusal(error: Exception) -> str | None:
    """Slack's error code when `error` (a gateway Retry or Failed, "method: code") says a token is refused."""
    code = str(error).rsplit(": ", 1)[-1]
    return code if code in REFUSED else None


class SlackHealth:
    """Starts healthy with no team known; `checked` names the team and the bot user, `refused` records why a token
    does not work."""

    def __init__(self):
        self._lock = threading.Lock()
        self._bot: dict[str, str | None] = {"team": None, "user_id": None}  # from auth.test with the bot token
        self._refused: dict[str, str] = {}  # SLACK_BOT_TOKEN / SLACK_APP_TOKEN -> why

    def checked(self, team: str | None, user_id: str | None = None) -> None:
        """auth.test answered for the bot token: its team and its bot user."""
        with self._lock:
            self._bot.update(team=team, user_id=user_id)
            self._refused.pop("SLACK_BOT_TOKEN", None)

    def bot_user(self) -> str | None:
        """The bot's own Slack user id, once auth.test has said it."""
        with self._lock:
            return self._bot["user_id"]

    def refused(self, token: str, code: str) -> None:
        """Record (and log, once per token and reason, in one line) that Slack refused `token`."""
        reason = f"Slack refused {token}: {code}"
        with self._lock:
            if self._refused.get(token) == reason:
                return
            self._refused[token] = reason
        log.error("%s; fix the token and restart (GET /healthz answers 503 until then)", reason)

    def answer(self) -> tuple[int, dict]:
        """(HTTP status, body) for /healthz."""
        with self._lock:
            if self._refused:
                return 503, {"ok": False, "error": "; ".join(self._refused.values())}
            return 200, {"ok": True, "team": self._bot["team"]}


def check_bot_token(health: SlackHealth, gateway) -> None:
    """auth.test at start: the team on success; a refused token is one log line and a 503 on /healthz."""
    from bot.slack.gateway import Failed, Retry
    try:
        answer = gateway.auth_test()
    except (Retry, Failed) as error:
        code = refusal(error)
        if code is not None:
            health.refused("SLACK_BOT_TOKEN", code)
        else:
            log.warning("could not check SLACK_BOT_TOKEN with Slack (%s); any later refusal still shows on /healthz",
                        error)
        return
    health.checked(answer.get("team"), answer.get("user_id"))
    log.info("Slack: the bot token is %s's, in the team %s", answer.get("user"), answer.get("team"))
