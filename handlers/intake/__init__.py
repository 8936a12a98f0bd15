"""Webhook bodies turned into AlertIn values: pure parsing, no HTTP framework."""
from handlers.intake.alertmanager import parse_alertmanager
from handlers.intake.errors import PayloadError
from handlers.intake.generic import parse_generic

__all__ = ["PayloadError", "parse_alertmanager", "parse_generic"]
