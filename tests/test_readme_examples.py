"""The README stays a landing page whose links lead somewhere, and the docs' examples work with the shipped
example config."""
from __future__ import annotations

import re
from pathlib import Path

from bot.config.loader import load_config

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def test_the_template_listing_example_names_a_tag_of_the_shipped_templates():
    commands = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert "e.g. `/crisis template rumour`." in commands
    library = load_config(ROOT / "crisisdesk.example.yaml").templates.library
    # A bare word lists the templates with that tag (handlers/templates/commands.py).
    assert sorted({(d.key, d.language) for d in library if "rumour" in d.tags}) == [
        ("rumour-correction", "en"), ("rumour-correction", "pl")]


def test_the_readme_is_a_landing_page_and_its_picture_is_the_one_the_browser_test_takes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 80 and "|---" not in readme  # reference tables live in docs/
    assert "](docs/console.png)" in readme and "scripts/quickstart" in readme and "scripts/test" in readme
    picture = (ROOT / "docs" / "console.png").read_bytes()
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"
    assert "docs/console.png" in (ROOT / "tests" / "drills" / "test_console_browser.py").read_text(encoding="utf-8")


def test_every_link_between_the_readme_and_the_docs_leads_to_a_file_and_a_heading_there():
    broken = [f"{page.relative_to(ROOT)}: {target}" for page in PAGES for target in _local_links(page)
              if not _leads_somewhere(page, target)]
    assert broken == []


def test_a_link_to_a_missing_heading_is_caught(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\n## In Slack: `/crisis`\n\n```\n# not a heading\n```\n", encoding="utf-8")
    page = tmp_path / "b.md"
    assert _leads_somewhere(page, "a.md#in-slack-crisis")
    assert not _leads_somewhere(page, "a.md#not-a-heading")
    assert not _leads_somewhere(page, "c.md")


def _local_links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]


def _leads_somewhere(page: Path, target: str) -> bool:
    path, _, anchor = target.partition("#")
    file = (page.parent / path).resolve() if path else page
    if not file.exists():
        return False
    return not anchor or file.suffix != ".md" or anchor in _anchors(file)


def _anchors(file: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered."""
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6} (.+)$", FENCE.sub("", file.read_text(encoding="utf-8")), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        if count:
            seen[f"{slug}-{count}"] = 1
    return set(seen)
