"""social mentions, topic windows and signal triggers

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 09:30:00
"""
import sqlalchemy as sa
from alembic import op

import escalation.base

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'mentions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=64), nullable=False),
        sa.Column('external_id', sa.String(length=255), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('url', sa.String(length=2000), nullable=True),
        sa.Column('author', sa.String(length=255), nullable=True),
        sa.Column('followers', sa.Integer(), nullable=False),
        sa.Column('platform', sa.String(length=64), nullable=True),
        sa.Column('language', sa.String(length=35), nullable=True),
        sa.Column('published_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('received_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('label', sa.String(length=16), nullable=False),
        sa.Column('polarity', sa.Float(), nullable=True),
        sa.Column('scored_by', sa.String(length=16), nullable=False),
        sa.Column('keywords', sa.JSON(), nullable=False),
        sa.Column('topics', sa.JSON(), nullable=False),
        sa.Column('tags', sa.JSON(), nullable=False),
        sa.Column('raw', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions')),
        sa.UniqueConstraint('source', 'external_id', name='uq_mentions_source_external_id'),
    )
    op.create_table(
        'mention_topics',
        sa.Column('mention_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=100), nullable=False),
        sa.Column('published_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_mention_topics_mention_id_mentions')),
        sa.PrimaryKeyConstraint('mention_id', 'topic', name=op.f('pk_mention_topics')),
    )
    op.create_index('ix_mention_topics_topic_published', 'mention_topics', ['topic', 'published_at'], unique=False)
    op.create_table(
        'signal_triggers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=100), nullable=False),
        sa.Column('rule', sa.String(length=32), nullable=False),
        sa.Column('at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('severity', sa.Integer(), nullable=False),
        sa.Column('incident_id', sa.Integer(), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('observed', sa.JSON(), nullable=False),
        sa.Column('baseline', sa.JSON(), nullable=False),
        sa.Column('evidence', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'],
                                name=op.f('fk_signal_triggers_incident_id_incidents')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_signal_triggers')),
    )
    op.create_index(op.f('ix_signal_triggers_incident_id'), 'signal_triggers', ['incident_id'], unique=False)
    op.create_index('ix_signal_triggers_topic_rule_at', 'signal_triggers', ['topic', 'rule', 'at'], unique=False)
    op.create_table(
        'signal_topics',
        sa.Column('topic', sa.String(length=100), nullable=False),
        sa.Column('evaluated_at', escalation.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('pending', sa.Boolean(), nullable=False),
        sa.Column('trigger_id', sa.Integer(), nullable=True),
        sa.Column('incident_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', escalation.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_signal_topics_incident_id_incidents')),
        sa.ForeignKeyConstraint(['trigger_id'], ['signal_triggers.id'],
                                name=op.f('fk_signal_topics_trigger_id_signal_triggers')),
        sa.PrimaryKeyConstraint('topic', name=op.f('pk_signal_topics')),
    )


def downgrade() -> None:
    op.drop_table('signal_topics')
    op.drop_index('ix_signal_triggers_topic_rule_at', table_name='signal_triggers')
    op.drop_index(op.f('ix_signal_triggers_incident_id'), table_name='signal_triggers')
    op.drop_table('signal_triggers')
    op.drop_index('ix_mention_topics_topic_published', table_name='mention_topics')
    op.drop_table('mention_topics')
    op.drop_table('mentions')
