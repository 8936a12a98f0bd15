"""severity follows the alerts (who set it by hand, the joins to announce) and Slack user groups as targets

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 12:00:00
"""
import sqlalchemy as sa
from alembic import op

import escalation.base

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing incidents follow their alerts from now on: nobody is recorded as having set their severity.
    with op.batch_alter_table('incidents') as batch:
        batch.add_column(sa.Column('severity_set_by', sa.String(length=64), nullable=True))
    op.create_table(
        'alert_joins',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('incident_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('severity', sa.Integer(), nullable=False),
        sa.Column('again', sa.Boolean(), nullable=False),
        sa.Column('raised_from', sa.Integer(), nullable=True),
        sa.Column('at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('announced_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_alert_joins_incident_id_incidents')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_joins')),
    )
    op.create_index(op.f('ix_alert_joins_incident_id'), 'alert_joins', ['incident_id'])
    op.create_table(
        'slack_usergroups',
        sa.Column('ref', sa.String(length=100), nullable=False),
        sa.Column('group_id', sa.String(length=32), nullable=True),
        sa.Column('handle', sa.String(length=100), nullable=True),
        sa.Column('users', sa.JSON(), nullable=False),
        sa.Column('read_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('tried_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('error', sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint('ref', name=op.f('pk_slack_usergroups')),
    )


def downgrade() -> None:
    op.drop_table('slack_usergroups')
    op.drop_index(op.f('ix_alert_joins_incident_id'), table_name='alert_joins')
    op.drop_table('alert_joins')
    with op.batch_alter_table('incidents') as batch:
        batch.drop_column('severity_set_by')
