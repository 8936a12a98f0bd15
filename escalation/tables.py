"""Every table the core keeps: importing this registers them all on Base.metadata (migrations, test cleanup)."""
from escalation import models, reminder_models, template_models  # noqa: F401
from escalation.signals import models as signal_models  # noqa: F401
