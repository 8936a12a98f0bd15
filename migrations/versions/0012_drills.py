"""drills: the runs of drill scenarios, and the incidents and mentions they made

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 09:00:00
"""
import sqlalchemy as sa
from alembic import op

import escalation.base

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'drill_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('scenario', sa.String(length=100), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('started_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('started_by', sa.String(length=64), nullable=True),
        sa.Column('report_channel', sa.String(length=32), nullable=True),
        sa.Column('next_step', sa.Integer(), nullable=False),
        sa.Column('running', sa.Boolean(), nullable=True),
        sa.Column('ended_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('ended_because', sa.String(length=32), nullable=True),
        sa.Column('report', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_drill_runs')),
        sa.UniqueConstraint('running', name=op.f('uq_drill_runs_running')),
    )
    # A plain ADD COLUMN, not a batch copy: on SQLite a copy drops `incidents`, which its children's foreign keys
    # refuse once there are rows. SQLite takes a REFERENCES clause in ADD COLUMN (the default being NULL), though
    # Alembic will not write one there.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE incidents ADD COLUMN drill_run_id INTEGER '
                   'CONSTRAINT fk_incidents_drill_run_id_drill_runs REFERENCES drill_runs (id)')
    else:
        op.add_column('incidents', sa.Column('drill_run_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_incidents_drill_run_id_drill_runs'), 'incidents', 'drill_runs',
                              ['drill_run_id'], ['id'])
    op.create_index(op.f('ix_incidents_drill_run_id'), 'incidents', ['drill_run_id'])
    # The same for mentions (its children, mention_topics, refuse a copy as well).
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE mentions ADD COLUMN drill_run_id INTEGER '
                   'CONSTRAINT fk_mentions_drill_run_id_drill_runs REFERENCES drill_runs (id)')
    else:
        op.add_column('mentions', sa.Column('drill_run_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_mentions_drill_run_id_drill_runs'), 'mentions', 'drill_runs',
                              ['drill_run_id'], ['id'])
    op.create_index(op.f('ix_mentions_drill_run_id'), 'mentions', ['drill_run_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_mentions_drill_run_id'), table_name='mentions')
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(op.f('fk_mentions_drill_run_id_drill_runs'), 'mentions', type_='foreignkey')
    with op.batch_alter_table('mentions') as batch:
        batch.drop_column('drill_run_id')
    op.drop_index(op.f('ix_incidents_drill_run_id'), table_name='incidents')
    if op.get_bind().dialect.name != 'sqlite':  # on SQLite the batch copy below leaves the constraint out
        op.drop_constraint(op.f('fk_incidents_drill_run_id_drill_runs'), 'incidents', type_='foreignkey')
    with op.batch_alter_table('incidents') as batch:
        batch.drop_column('drill_run_id')
    op.drop_table('drill_runs')
