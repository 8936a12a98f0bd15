"""Every table the core keeps: importing this registers them all on Base.metadata (migrations, test cleanup).

The one module allowed to reach into every feature's `models`: it is the schema's registry."""
from escalation import outbox, timeline  # noqa: F401
from escalation.drills import models as drill_models  # noqa: F401
from escalation.incidents import models as incident_models  # noqa: F401
from escalation.paging import models as paging_models  # noqa: F401
from escalation.reminders import models as reminder_models  # noqa: F401
from escalation.room import models as room_models  # noqa: F401
from escalation.schedules import models as schedule_models  # noqa: F401
from escalation.signals import models as signal_models  # noqa: F401
from escalation.templates import models as template_models  # noqa: F401
