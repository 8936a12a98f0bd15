"""outbox rows are claimed before Slack is called, and pages go first

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 18:00:00
"""
from alembic import op
import sqlalchemy as sa
import escalation.base


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('priority', sa.Integer(), nullable=False, server_default='2'))
        batch.add_column(sa.Column('claimed_until', escalation.base.UTCDateTime(timezone=True), nullable=True))
        batch.drop_index('ix_outbox_due')
    # The server default stays: a process still running the previous release (between the release phase and its
    # restart) inserts rows without a priority. Rows queued before this migration: page DMs first, then mentions.
    op.execute("UPDATE outbox SET priority = 0 WHERE kind IN ('dm_page', 'dm_page_now')")
    op.execute("UPDATE outbox SET priority = 1 WHERE kind IN ('channel_page', 'channel_page_now')")
    op.create_index('ix_outbox_pending', 'outbox', ['priority', 'id'], sqlite_where=PENDING,
                    postgresql_where=PENDING)


def downgrade() -> None:
    op.drop_index('ix_outbox_pending', table_name='outbox')
    with op.batch_alter_table('outbox') as batch:
        batch.create_index('ix_outbox_due', ['status', 'next_attempt_at'])
        batch.drop_column('claimed_until')
        batch.drop_column('priority')
