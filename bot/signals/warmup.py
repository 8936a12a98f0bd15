"""The Polish and Hebrew scorers loaded ahead, in the background, when the config says they will be needed: the
Polish stemming table takes seconds and a couple of hundred MB, which no webhook request should wait for."""
from __future__ import annotations

import logging
import threading
import time

from bot.config.model import Config
from escalation.signals.sentiment import WARMED, code_of, warm

log = logging.getLogger(__name__)


def languages(config: Config) -> list[str]:
    """The slow-to-load languages the config expects mentions in: those of its crisis keyword lists and of its
    templates' default language, when there are topics to watch."""
    signals = config.signals
    if not signals.topics:
        return []
    codes = {code_of(language) for language in signals.crisis_keywords} | {
        code_of(config.templates.default_language)}
    return sorted(code for code in codes if code in WARMED)


def warm_in_background(config: Config) -> threading.Thread | None:
    """Start loading them in a daemon thread (a process that stops meanwhile does not wait for it)."""
    codes = languages(config)
    if not codes:
        return None
    thread = threading.Thread(target=_warm, args=(codes,), name="sentiment-warm-up", daemon=True)
    thread.start()
    return thread


def _warm(codes: list[str]) -> None:
    started = time.perf_counter()
    try:
        warm(codes)
    except Exception:  # the first mention in that language loads them instead
        log.exception("loading the sentiment scorers for %s failed", ", ".join(codes))
        return
    log.info("sentiment scorers for %s loaded in %.1f s", ", ".join(codes), time.perf_counter() - started)
