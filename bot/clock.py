"""The one clock: everything asks here, so freezegun moves the whole bot at once."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
