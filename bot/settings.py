"""Deployment settings and secrets from the environment (or `.env`); behaviour lives in the YAML config."""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///crisisdesk.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_POSTGRES_SCHEMES = ("postgres://", "postgresql://")
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class SettingsError(ValueError):
    """A setting has a value the bot cannot use; the message is one line naming the variable."""


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None  # set: Socket Mode, no public URL needed
    slack_api_url: str = DEFAULT_SLACK_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    config_path: str = "crisisdesk.yaml"
    webhook_token: str | None = None
    metrics_token: str | None = None  # for GET /metrics only: a scraper's token cannot open incidents
    port: int = 3000
    host: str = "0.0.0.0"
    worker_tick_seconds: float = 2.0
    delivery_lanes: int = 4  # outbox lanes delivered side by side
    log_level: str = "INFO"
    public_url: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `environ`; by default the process environment over the values in `./.env`."""
        if environ is None:
            environ = {**_dotenv(Path(".env")), **os.environ}
        # An empty value (`SLACK_APP_TOKEN=` in .env) means "not set", as it does for most tools.
        env = {key: value.strip() for key, value in environ.items() if value is not None and value.strip()}
        return cls(
            slack_bot_token=env.get("SLACK_BOT_TOKEN"),
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET"),
            slack_app_token=env.get("SLACK_APP_TOKEN"),
            slack_api_url=_slack_api_url(env.get("SLACK_API_URL", DEFAULT_SLACK_API_URL)),
            database_url=_database_url(env.get("DATABASE_URL", DEFAULT_DATABASE_URL)),
            config_path=env.get("CRISISDESK_CONFIG", "crisisdesk.yaml"),
            webhook_token=env.get("WEBHOOK_TOKEN"),
            metrics_token=env.get("METRICS_TOKEN"),
            port=_port(env.get("PORT", "3000")),
            host=env.get("HOST", "0.0.0.0"),
            worker_tick_seconds=_tick(env.get("CRISISDESK_TICK_SECONDS", "2")),
            delivery_lanes=_lanes(env.get("CRISISDESK_DELIVERY_LANES", "4")),
            log_level=_log_level(env.get("LOG_LEVEL", "INFO")),
            public_url=_public_url(env.get("PUBLIC_URL")),
        )

    @property
    def bot_token(self) -> str:
        """SLACK_BOT_TOKEN: the bot cannot talk to Slack without it (`missing_for_slack` checks it up front)."""
        if not self.slack_bot_token:
            raise SettingsError("SLACK_BOT_TOKEN is not set: set it in the environment or in .env (see .env.example)")
        return self.slack_bot_token

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None

    def missing_for_slack(self) -> str | None:
        """One line naming the variables still needed to talk to Slack, or None when all are set."""
        needed = ["SLACK_BOT_TOKEN"] if not self.slack_bot_token else []
        if not self.socket_mode and not self.slack_signing_secret:
            needed.append("SLACK_SIGNING_SECRET")  # Socket Mode needs no signing secret, HTTP mode does
        if not needed:
            return None
        return f"Set {' and '.join(needed)} in the environment or in .env (see .env.example)"


def _dotenv(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    return {key: value for key, value in dotenv_values(path).items() if value is not None}


def _slack_api_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise SettingsError(f"SLACK_API_URL must be an http(s) URL like {DEFAULT_SLACK_API_URL}, got {value!r}")
    return value if value.endswith("/") else value + "/"


def _database_url(value: str) -> str:
    if not _URL_SCHEME.match(value):
        raise SettingsError("DATABASE_URL must be a URL like sqlite:///crisisdesk.db or "
                            f"postgresql://user:password@host/dbname, got {value!r}")
    for scheme in _POSTGRES_SCHEMES:
        if value.startswith(scheme):  # Heroku-style URLs; we talk to PostgreSQL through psycopg 3
            return "postgresql+psycopg://" + value[len(scheme):]
    return value


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise SettingsError(f"PORT must be a whole number like 3000, got {value!r}") from None
    if not 0 < port < 65536:
        raise SettingsError(f"PORT must be between 1 and 65535, got {port}")
    return port


def _tick(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise SettingsError(f"CRISISDESK_TICK_SECONDS must be a number of seconds like 2, got {value!r}") from None
    if not 0 < seconds < float("inf"):
        raise SettingsError(f"CRISISDESK_TICK_SECONDS must be more than 0, got {value!r}")
    return seconds


def _lanes(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 64:
        raise SettingsError(f"CRISISDESK_DELIVERY_LANES must be a whole number from 1 to 64, got {value!r}")
    return int(value)


def _log_level(value: str) -> str:
    level = value.upper()
    if level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return level


def _public_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.startswith(("http://", "https://")):
        raise SettingsError(f"PUBLIC_URL must start with https:// (like https://crisisdesk.brand.example), "
                            f"got {value!r}")
    return value.rstrip("/")  # so f"{public_url}/slack/events" has one slash
