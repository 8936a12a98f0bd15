"""playbook steps of incidents (their checklist per crisis type) and ad-hoc public statements

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 20:00:00
"""
import sqlalchemy as sa
from alembic import op

import escalation.base

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'playbook_steps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('incident_id', sa.Integer(), nullable=False),
        sa.Column('crisis_type', sa.String(length=64), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('texts', sa.JSON(), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=True),
        sa.Column('template', sa.String(length=64), nullable=True),
        sa.Column('done_by', sa.String(length=64), nullable=True),
        sa.Column('done_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'],
                                name=op.f('fk_playbook_steps_incident_id_incidents')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_playbook_steps')),
        sa.UniqueConstraint('incident_id', 'crisis_type', 'position', name=op.f('uq_playbook_steps_incident_id')),
    )
    op.create_index(op.f('ix_playbook_steps_incident_id'), 'playbook_steps', ['incident_id'])
    op.create_table(
        'statements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('incident_id', sa.Integer(), nullable=False),
        sa.Column('template_id', sa.Integer(), nullable=True),
        sa.Column('channels', sa.JSON(), nullable=False),
        sa.Column('proposed_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_statements_incident_id_incidents')),
        sa.ForeignKeyConstraint(['template_id'], ['reply_templates.id'],
                                name=op.f('fk_statements_template_id_reply_templates')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_statements')),
        sa.UniqueConstraint('template_id', name=op.f('uq_statements_template_id')),
    )
    op.create_index(op.f('ix_statements_incident_id'), 'statements', ['incident_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_statements_incident_id'), table_name='statements')
    op.drop_table('statements')
    op.drop_index(op.f('ix_playbook_steps_incident_id'), table_name='playbook_steps')
    op.drop_table('playbook_steps')
