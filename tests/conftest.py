"""Fixtures: a migrated database per test, the Slack stand-in, frozen time, and the bot served over HTTP."""
from __future__ import annotations

import freezegun
import pytest

from bot.database import make_engine
from bot.settings import Settings
from slackstandin.standin import Standin
from tests.support import database
from tests.support.bot import METRICS_TOKEN, SIGNING_SECRET, WEBHOOK_TOKEN, start_bot
from tests.support.config import PEOPLE, load_test_config

# The web server's event loop and the HTTP plumbing keep real time; everything the bot decides uses frozen time.
# The Slack budget paces real calls in real time.
freezegun.configure(extend_ignore_list=["asyncio", "uvicorn", "h11", "anyio", "selectors", "socketserver",
                                        "http.server", "bot.slack.budget"])

START = "2026-11-24 09:00:00+00:00"  # a Tuesday, 10:00 in Warsaw


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    template = database.PostgresSchema() if database.PG_URL else \
        database.SqliteTemplate(tmp_path_factory.mktemp("template"))
    yield template
    template.close()


@pytest.fixture
def database_url(database_template, tmp_path) -> str:
    return database_template.fresh(tmp_path)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clock():
    with freezegun.freeze_time(START) as frozen:
        yield frozen


@pytest.fixture
def slack():
    standin = Standin().start()
    for _key, user_id, name, email in PEOPLE:
        standin.add_user(user_id, name, email)
    yield standin
    standin.stop()
    standin.assert_no_unexpected()


@pytest.fixture
def settings(slack, database_url) -> Settings:
    return Settings(slack_bot_token=slack.token, slack_signing_secret=SIGNING_SECRET, slack_api_url=slack.api_url,
                    database_url=database_url, webhook_token=WEBHOOK_TOKEN,
                    metrics_token=METRICS_TOKEN)


@pytest.fixture
def config():
    return load_test_config()


@pytest.fixture
def bot(settings, config, slack, engine, clock):
    running = start_bot(settings, config, slack, engine)
    yield running
    running.close()
