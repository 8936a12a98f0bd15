"""The config the end-to-end tests run with, and the Slack people it names."""
from __future__ import annotations

from bot.config.loader import load_config_text

PEOPLE = [  # (config key, Slack id, name, email)
    ("anna", "U0ANNA", "Anna Nowak", "anna@brand.test"),
    ("piotr", "U0PIOTR", "Piotr Zielinski", "piotr@brand.test"),
    ("ewa", "U0EWA", "Ewa Lis", "ewa@brand.test"),
    ("marek", "U0MAREK", "Marek Wojcik", "marek@brand.test"),
]

CONFIG = """
timezone: Europe/Warsaw
channel:
  name_pattern: "crisis-{date}-{title}"
users:
  anna: {slack_id: U0ANNA, name: Anna Nowak}
  piotr: {email: piotr@brand.test, name: Piotr Zielinski}   # found by email
  ewa: {slack_id: U0EWA, name: Ewa Lis}
  marek: {slack_id: U0MAREK, name: Marek Wojcik}
teams:
  pr: {members: [ewa, marek]}
policies:
  brand-crisis:
    levels:
      - targets: {users: [anna]}
        wait: 15m
        remind_every: 5m
      - targets: {users: [piotr]}
        wait: 30m
      - targets: {teams: [pr]}
        wait: 30m
  infra:
    repeat: 1
    levels:
      - targets: {users: [marek]}
        wait: 10m
      - targets: {users: [ewa]}
        wait: 10m
routes:
  - {source: alertmanager, policy: infra}
default_policy: brand-crisis
"""


def load_test_config(text: str = CONFIG):
    return load_config_text(text, source="test-config")
