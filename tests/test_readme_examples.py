"""The README's examples work with the shipped example config."""
from __future__ import annotations

from pathlib import Path

from bot.config.loader import load_config

ROOT = Path(__file__).resolve().parents[1]


def test_the_template_listing_example_names_a_tag_of_the_shipped_templates():
    readme = (ROOT / "README.md").read_text()
    assert "e.g. `/crisis template rumour`." in readme
    library = load_config(ROOT / "crisisdesk.example.yaml").templates.library
    # A bare word lists the templates with that tag (handlers/templates/commands.py).
    assert sorted({(d.key, d.language) for d in library if "rumour" in d.tags}) == [
        ("rumour-correction", "en"), ("rumour-correction", "pl")]
