"""A fake Slack Web API that speaks real HTTP, for tests and drills."""
from slackstandin.recording import Call, Message
from slackstandin.standin import Standin

__all__ = ["Call", "Message", "Standin"]
