"""status-update reminders and response-time targets

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 09:30:00
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401
import escalation.base  # noqa: F401


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
