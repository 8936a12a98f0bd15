"""incident room: crisis type, roles, status-update and first-public-reply times; once-only timeline entries

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 09:30:00
"""
from alembic import op
import sqlalchemy as sa
import escalation.base


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('incidents') as batch:
        batch.add_column(sa.Column('crisis_type', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('commander', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('comms', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('approver', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('last_update_at', escalation.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('first_public_reply_at', escalation.base.UTCDateTime(timezone=True),
                                   nullable=True))
    with op.batch_alter_table('timeline_events') as batch:
        batch.add_column(sa.Column('source_key', sa.String(length=200), nullable=True))
        batch.create_unique_constraint(batch.f('uq_timeline_events_source_key'), ['source_key'])


def downgrade() -> None:
    with op.batch_alter_table('timeline_events') as batch:
        batch.drop_constraint(batch.f('uq_timeline_events_source_key'), type_='unique')
        batch.drop_column('source_key')
    with op.batch_alter_table('incidents') as batch:
        for column in ('first_public_reply_at', 'last_update_at', 'approver', 'comms', 'commander', 'crisis_type'):
            batch.drop_column(column)
