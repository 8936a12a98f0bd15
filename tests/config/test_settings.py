"""Settings from the environment: defaults, normalised URLs, and one clear line for what is missing."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from dotenv import dotenv_values

from bot.settings import Settings, SettingsError

SLACK = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret"}


def test_defaults():
    settings = Settings.from_env({})
    assert settings == Settings(
        slack_bot_token=None,
        slack_signing_secret=None,
        slack_app_token=None,
        slack_api_url="https://slack.com/api/",
        database_url="sqlite:///crisisdesk.db",
        config_path="crisisdesk.yaml",
        webhook_token=None,
        port=3000,
        host="0.0.0.0",
        worker_tick_seconds=2,
        log_level="INFO",
        public_url=None,
    )
    assert not settings.socket_mode


def test_every_variable_is_read():
    settings = Settings.from_env({
        **SLACK,
        "SLACK_APP_TOKEN": "xapp-1",
        "SLACK_API_URL": "http://localhost:8900/api",
        "DATABASE_URL": "sqlite:////var/lib/crisisdesk/db.sqlite",
        "CRISISDESK_CONFIG": "/etc/crisisdesk.yaml",
        "WEBHOOK_TOKEN": "hook",
        "METRICS_TOKEN": "scrape",
        "PORT": "8080",
        "HOST": "127.0.0.1",
        "CRISISDESK_TICK_SECONDS": "0.5",
        "CRISISDESK_DELIVERY_LANES": "8",
        "LOG_LEVEL": "debug",
        "PUBLIC_URL": "https://crisis.brand.example/",
    })
    assert settings.slack_bot_token == "xoxb-1" and settings.slack_signing_secret == "secret"
    assert settings.slack_app_token == "xapp-1" and settings.socket_mode
    assert settings.slack_api_url == "http://localhost:8900/api/"
    assert settings.database_url == "sqlite:////var/lib/crisisdesk/db.sqlite"
    assert settings.config_path == "/etc/crisisdesk.yaml"
    assert settings.webhook_token == "hook"
    assert settings.metrics_token == "scrape"
    assert (settings.port, settings.host) == (8080, "127.0.0.1")
    assert settings.worker_tick_seconds == 0.5
    assert settings.delivery_lanes == 8
    assert settings.log_level == "DEBUG"
    assert settings.public_url == "https://crisis.brand.example"


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings.from_env({}).port = 1  # type: ignore[misc]


def test_empty_values_count_as_unset():
    settings = Settings.from_env({"SLACK_APP_TOKEN": "", "PORT": " ", "PUBLIC_URL": ""})
    assert settings.slack_app_token is None and settings.port == 3000 and settings.public_url is None


@pytest.mark.parametrize("url, expected", [
    ("postgres://u:p@db.example:5432/crisis", "postgresql+psycopg://u:p@db.example:5432/crisis"),
    ("postgresql://u:p@db.example/crisis", "postgresql+psycopg://u:p@db.example/crisis"),
    ("postgresql+psycopg://u:p@db.example/crisis", "postgresql+psycopg://u:p@db.example/crisis"),
    ("sqlite:///crisisdesk.db", "sqlite:///crisisdesk.db"),
])
def test_database_url_is_rewritten_for_psycopg(url, expected):
    assert Settings.from_env({"DATABASE_URL": url}).database_url == expected


def test_slack_api_url_always_ends_with_a_slash():
    assert Settings.from_env({"SLACK_API_URL": "https://slack.com/api"}).slack_api_url == "https://slack.com/api/"
    assert Settings.from_env({"SLACK_API_URL": "https://slack.com/api/"}).slack_api_url == "https://slack.com/api/"


@pytest.mark.parametrize("env, line", [
    ({}, "Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET in the environment or in .env (see .env.example)"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "Set SLACK_SIGNING_SECRET in the environment or in .env (see .env.example)"),
    ({"SLACK_SIGNING_SECRET": "s"}, "Set SLACK_BOT_TOKEN in the environment or in .env (see .env.example)"),
    ({"SLACK_APP_TOKEN": "xapp-1"}, "Set SLACK_BOT_TOKEN in the environment or in .env (see .env.example)"),
    (SLACK, None),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, None),  # Socket Mode needs no signing secret
])
def test_missing_for_slack_names_exactly_what_to_set(env, line):
    assert Settings.from_env(env).missing_for_slack() == line


@pytest.mark.parametrize("env, words", [
    ({"PORT": "http"}, "PORT must be a whole number like 3000, got 'http'"),
    ({"PORT": "3000.5"}, "PORT must be a whole number"),
    ({"PORT": "70000"}, "PORT must be between 1 and 65535"),
    ({"CRISISDESK_TICK_SECONDS": "fast"}, "CRISISDESK_TICK_SECONDS must be a number"),
    ({"CRISISDESK_TICK_SECONDS": "0"}, "CRISISDESK_TICK_SECONDS must be more than 0"),
    ({"CRISISDESK_DELIVERY_LANES": "0"}, "CRISISDESK_DELIVERY_LANES must be a whole number from 1 to 64"),
    ({"CRISISDESK_DELIVERY_LANES": "many"}, "CRISISDESK_DELIVERY_LANES must be a whole number"),
    ({"LOG_LEVEL": "loud"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
    ({"DATABASE_URL": "crisisdesk.db"}, "DATABASE_URL must be a URL"),
    ({"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL must be an http(s) URL"),
    ({"PUBLIC_URL": "crisis.brand.example"}, "PUBLIC_URL must start with https://"),
])
def test_bad_values_raise_one_line(env, words):
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(env)
    assert words in str(raised.value)
    assert "\n" not in str(raised.value)


def test_default_environment_is_the_process_over_dot_env(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-file\nPORT=4000\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PORT", "5000")
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    settings = Settings.from_env()
    assert settings.slack_bot_token == "xoxb-from-file"
    assert settings.port == 5000


def test_env_example_lists_every_setting():
    example = dotenv_values(Path(__file__).resolve().parents[2] / ".env.example")
    assert set(example) == {
        "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL", "DATABASE_URL",
        "CRISISDESK_CONFIG", "WEBHOOK_TOKEN", "METRICS_TOKEN", "PORT", "HOST", "CRISISDESK_TICK_SECONDS",
        "CRISISDESK_DELIVERY_LANES",
        "LOG_LEVEL", "PUBLIC_URL",
    }
    Settings.from_env({k: v or "" for k, v in example.items()})  # and its values are valid
