"""reply templates and their versions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 09:30:00
"""
from alembic import op
import sqlalchemy as sa
import escalation.base


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'reply_templates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('language', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('current_version', sa.Integer(), nullable=True),
        sa.Column('tags', sa.JSON(), nullable=False),
        sa.Column('created_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('retired_by', sa.String(length=64), nullable=True),
        sa.Column('retired_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reply_templates')),
        sa.UniqueConstraint('key', 'language', name=op.f('uq_reply_templates_key')),
    )
    op.create_table(
        'reply_template_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('template_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=150), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('tags', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('proposed_by', sa.String(length=64), nullable=False),
        sa.Column('proposed_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('decided_by', sa.String(length=64), nullable=True),
        sa.Column('decided_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('proposal_channel', sa.String(length=32), nullable=True),
        sa.Column('proposal_ts', sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(['template_id'], ['reply_templates.id'],
                                name=op.f('fk_reply_template_versions_template_id_reply_templates')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reply_template_versions')),
        sa.UniqueConstraint('template_id', 'number', name=op.f('uq_reply_template_versions_template_id')),
    )
    op.create_index(op.f('ix_reply_template_versions_template_id'), 'reply_template_versions', ['template_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_reply_template_versions_template_id'), table_name='reply_template_versions')
    op.drop_table('reply_template_versions')
    op.drop_table('reply_templates')
