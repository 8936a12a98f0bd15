"""Numbers as a comms manager reads them in a trigger's summary."""
from __future__ import annotations

from datetime import timedelta


def span(delta: timedelta) -> str:
    """`15 min`, `1 h`, `1 h 30 min`, `24 h`, `7 d`."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return f"{int(delta.total_seconds())} s"
    days, minutes = divmod(minutes, 1440) if minutes > 1440 else (0, minutes)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] * bool(days) + [f"{hours} h"] * bool(hours) + [f"{minutes} min"] * bool(minutes)
    return " ".join(parts)


def number(value: float) -> str:
    """`6`, `6.5`, `1,200`."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def signed(polarity: float) -> str:
    return f"{polarity:+.2f}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


SCORERS = {"source": "the source's own", "textblob": "TextBlob (English)", "polish": "Polish lexicon",
           "hebrew": "Hebrew lexicon"}
UNSCORED_WHY = "no sentiment from the source, and their language has no scorer or was not recognised"


def scored_by(counts: dict[str, int]) -> str:
    """`Polish lexicon 6, the source's own 2`, most first; `none` when nothing was scored."""
    return ", ".join(f"{SCORERS.get(name, name)} {count:,}" for name, count in counts.items()) or "none"


def scoring_line(scoring: dict) -> str:
    """The evidence message's line on who scored the window's mentions (the numbers of a trigger rest on it)."""
    return (f"Sentiment of the last {scoring['window']}: scored by {scored_by(scoring['by'])}; "
            f"unscored {scoring['unscored']:,}")
