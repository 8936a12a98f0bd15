"""escalation that never goes quiet: when to look again at a silent acknowledged incident

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 12:00:00
"""
import sqlalchemy as sa
from alembic import op

import escalation.base

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # All empty at first: every acknowledged incident is looked at on the first cycle after the upgrade.
    with op.batch_alter_table('escalation_states') as batch:
        batch.add_column(sa.Column('quiet_at', escalation.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('quiet_severity', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('quiet_warned_for', escalation.base.UTCDateTime(timezone=True), nullable=True))
        batch.create_index(batch.f('ix_escalation_states_quiet_at'), ['quiet_at'])


def downgrade() -> None:
    with op.batch_alter_table('escalation_states') as batch:
        batch.drop_index(batch.f('ix_escalation_states_quiet_at'))
        batch.drop_column('quiet_warned_for')
        batch.drop_column('quiet_severity')
        batch.drop_column('quiet_at')
