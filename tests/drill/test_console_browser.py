"""The drill console in a real browser: fire an alert, see the incident channel and its pinned summary, type
`/crisis ack` as the paged person, press Resolve, see the summary change. Saves the README's screenshot."""
from __future__ import annotations

import re

import pytest

from tests.drill.browser import require_chromium, start_chromium
from tests.drill.drill_process import ROOT, DrillProcess

SCREENSHOT = ROOT / "docs" / "console.png"
TITLE = "Checkout <b>down</b> & refunds late"  # markup in an alert must show as text, never as markup
WAIT = 30  # seconds for the page to show what the bot did; how fast it is lives in benchmarks/, not here


@pytest.fixture
def drill(tmp_path):
    running = DrillProcess(tmp_path)
    running.wait_healthy()
    yield running
    output = running.stop()
    assert "drill stopped." in output and "Traceback" not in output, output[-3000:]


@pytest.fixture
def browser(monkeypatch):
    require_chromium()
    monkeypatch.setenv("SE_OFFLINE", "true")
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.mark.timeout(240)
def test_an_alert_is_acknowledged_and_resolved_from_the_console(drill, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, WAIT)
    browser.get(drill.url + "/")
    wait.until(lambda b: len(Select(b.find_element(By.ID, "person")).options) == 7)
    assert [a.get_attribute("data-name") for a in browser.find_elements(By.CSS_SELECTOR, "#channels a.conv")] == \
        ["general", "oncall-admin", "stakeholders", "template-approvals"]

    title = browser.find_element(By.ID, "alert-title")
    title.clear()
    title.send_keys(TITLE)
    Select(browser.find_element(By.ID, "alert-severity")).select_by_value("critical")
    browser.find_element(By.ID, "fire-alert").click()

    def open_incident_channel(b) -> str | None:
        link = next((a for a in b.find_elements(By.CSS_SELECTOR, "#channels a.conv")
                     if (a.get_attribute("data-name") or "").startswith("crisis-")), None)
        if link is None:
            return None
        name = link.get_attribute("data-name")
        link.click()
        return name
    assert wait.until(lambda b: _read(lambda: open_incident_channel(b))).endswith("-checkout-b-down-b-refunds-late")
    summary = wait.until(lambda b: _pinned(b, "Incident #1"))
    assert f"Incident #1 · SEV1 · {TITLE}" in summary
    bold = wait.until(lambda b: _read(lambda: {"words": [e.text for e in b.find_elements(By.CSS_SELECTOR,
                                                                                          "#messages .msg b")]}))
    assert "down" not in bold["words"]  # the alert's <b> is text on the page, never markup

    paged = wait.until(lambda _: _paged(drill.picture()))
    name = drill.picture()["users"][paged]["real_name"]
    Select(browser.find_element(By.ID, "person")).select_by_value(paged)
    browser.find_element(By.ID, "composer-text").send_keys("/crisis ack")
    browser.find_element(By.CSS_SELECTOR, "#composer button").click()
    summary = wait.until(lambda b: _pinned(b, f"Acknowledged\n@{name} at "))
    assert "Status\n🟡 Acknowledged" in summary
    browser.save_screenshot(str(SCREENSHOT))  # the README's picture: a drill under way

    wait.until(lambda b: _read(lambda: _pinned_element(b).find_element(
        By.CSS_SELECTOR, "button[data-action-id=incident_resolve]").click() or True))
    summary = wait.until(lambda b: _pinned(b, f"Resolved\n@{name} at "))
    assert "Status\n🟢 Resolved" in summary and "(edited)" in summary
    assert "Resolve\n" not in summary.split("Pinned", 1)[1] and not summary.endswith("Resolve")  # no buttons left


def _read(look):
    """`look()`, or None when the page redrew under it (it redraws on every change); waiting calls it again."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    try:
        return look()
    except (StaleElementReferenceException, NoSuchElementException, AttributeError):
        return None


def _pinned_element(browser):
    from selenium.webdriver.common.by import By
    return browser.find_element(By.CSS_SELECTOR, "#messages .msg.pinned")


def _pinned(browser, words: str) -> str | None:
    """The text of the pinned message in the open conversation once it says `words`, else None (to wait on)."""
    text = _read(lambda: _pinned_element(browser).text)
    return text if text and words in text else None


def _paged(picture: dict) -> str | None:
    """The user id the bot paged in the incident channel ("<@U…> you are paged (level 1)")."""
    for channel in picture["channels"]:
        for line in channel["lines"] if (channel["name"] or "").startswith("crisis-") else ():
            found = re.match(r"<@(U\w+)> you are paged", line.get("text") or "")
            if found:
                return found[1]
    return None
