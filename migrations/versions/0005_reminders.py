"""status-update reminders and response-time targets

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 09:30:00
"""
from alembic import op
import sqlalchemy as sa
import escalation.base


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'incident_reminders',
        sa.Column('incident_id', sa.Integer(), nullable=False),
        sa.Column('severity', sa.Integer(), nullable=False),
        sa.Column('next_status_reminder_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('status_reminders_sent', sa.Integer(), nullable=False),
        sa.Column('last_status_reminder_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('snoozed_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('snoozed_until', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('snoozed_by', sa.String(length=64), nullable=True),
        sa.Column('reply_warning_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('reply_warning_sent_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('updated_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'],
                                name=op.f('fk_incident_reminders_incident_id_incidents')),
        sa.PrimaryKeyConstraint('incident_id', name=op.f('pk_incident_reminders')),
    )
    with op.batch_alter_table('incident_reminders') as batch:
        batch.create_index(batch.f('ix_incident_reminders_next_status_reminder_at'), ['next_status_reminder_at'])
        batch.create_index(batch.f('ix_incident_reminders_reply_warning_at'), ['reply_warning_at'])


def downgrade() -> None:
    with op.batch_alter_table('incident_reminders') as batch:
        batch.drop_index(batch.f('ix_incident_reminders_reply_warning_at'))
        batch.drop_index(batch.f('ix_incident_reminders_next_status_reminder_at'))
    op.drop_table('incident_reminders')
