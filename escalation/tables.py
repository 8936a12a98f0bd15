"""Every table the core keeps: importing this registers them all on Base.metadata (migrations, test cleanup)."""
from escalation import outbox, timeline  # noqa: F401
