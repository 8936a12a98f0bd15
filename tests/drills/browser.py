"""Headless Chromium from the system packages (apt: chromium, chromium-driver), driven by Selenium, offline."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


def require_chromium() -> None:
    """Skip with the reason when Chromium is missing, except under CI, where a skip would hide a broken setup."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not missing:
        return
    reason = f"{' and '.join(missing)} missing: apt-get install chromium chromium-driver (.ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def start_chromium(width: int = 1440, height: int = 900, scale: float = 1):
    """A headless Chromium whose page is exactly `width` x `height` CSS pixels, drawn at `scale` device pixels
    each (a screenshot is width*scale wide: sharp when a README shrinks it). Selenium is given both paths, so
    Selenium Manager never looks anything up or downloads (the caller sets SE_OFFLINE=true too)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--lang=en-GB", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    # --window-size counts the (invisible) browser frame too; this sets the page's own size.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})
    return driver
