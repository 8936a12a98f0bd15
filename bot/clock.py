"""The one clock: everything asks here, so freezegun moves the whole bot at once."""
from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
