"""typed text stored plain: the words people typed, as stored before, decoded from Slack's escaping once

Before, a log entry, a status update, a resolve summary or a pinned message was stored as Slack sent it
(`R&amp;D <@U0EWA|ewa>`); now it is stored plain (`R&D <@U0EWA>`) and escaped once where it is shown, so an old
row would show `R&amp;amp;D`. This decodes the old rows (and the outbox rows still waiting with such text) the way
the handlers now decode what Slack sends. It also moves the mentions the core wrote into three kinds of timeline
text (`<@U…>` in a status-update reminder, a page on demand, a user group's page) to `data["mentions"]`.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 20:00:00
"""
import re

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

TYPED_KINDS = ('log', 'status_update', 'resolved', 'pinned')
MENTIONING_KINDS = ('status_reminder', 'paged', 'note')
PINNED = 'Pinned message'
SLACK_TOKEN = re.compile(r'<([^<>]*)>')
OUR_MENTION = re.compile(r'<@([UW][A-Z0-9]{2,})>')

events = sa.table('timeline_events', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                  sa.column('text', sa.Text), sa.column('data', sa.JSON))
incidents = sa.table('incidents', sa.column('id', sa.Integer), sa.column('resolution', sa.Text))
outbox = sa.table('outbox', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                  sa.column('status', sa.String), sa.column('payload', sa.JSON))


def is_user_id(value: str) -> bool:
    return bool(re.fullmatch(r'[UW][A-Z0-9]{2,}', value or ''))


def decoded(slack_text: str) -> str:
    """handlers.markup.decoded as of this revision (a migration keeps its own copy: the handlers will change)."""
    def one(match: re.Match) -> str:
        target, _, label = match[1].partition('|')
        if target.startswith('@'):
            return f'<@{target[1:]}>' if is_user_id(target[1:]) else '@' + (label or target[1:])
        if target.startswith('#'):
            return '#' + (label or target[1:])
        if target.startswith('!subteam^'):
            return label or '@' + target[len('!subteam^'):]
        if target.startswith('!'):
            return label if target.startswith('!date^') else '@' + (label or target[1:])
        address = target.removeprefix('mailto:')
        return f'{label} ({address})' if label and label != address else address
    plain = SLACK_TOKEN.sub(one, slack_text)
    return plain.replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&')


def typed_text(kind: str, text: str, data: dict) -> str:
    """An old typed line decoded; a pinned line keeps the link to the message our code wrote before the words."""
    permalink = data.get('permalink') if kind == 'pinned' else None
    prefix = f'<{permalink}|{PINNED}>: '
    if permalink and text.startswith(prefix):
        return prefix + decoded(text[len(prefix):])
    return decoded(text)


def mentioning(kind: str, text: str, data: dict) -> tuple[str, dict] | None:
    """(text, data) with the core's mentions moved to `data["mentions"]`, or None when there are none."""
    if kind == 'note' and 'group' not in data:  # only a user group's page note named people by mention
        return None
    ids = list(dict.fromkeys(OUR_MENTION.findall(text)))
    if not ids:
        return None
    changed = {**data, 'mentions': ids}
    if kind == 'paged' and isinstance(data.get('targets'), list):
        changed['targets'] = [OUR_MENTION.sub(r'\1', t) if isinstance(t, str) else t for t in data['targets']]
    return OUR_MENTION.sub(r'\1', text), changed


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(events.c.id, events.c.kind, events.c.text, events.c.data)
                        .where(events.c.kind.in_(TYPED_KINDS + MENTIONING_KINDS))).all()
    for event_id, kind, text, data in rows:
        data = data or {}
        if kind in TYPED_KINDS:
            new_text, new_data = typed_text(kind, text, data), data
        else:
            moved = mentioning(kind, text, data)
            if moved is None:
                continue
            new_text, new_data = moved
        if (new_text, new_data) != (text, data):
            bind.execute(events.update().where(events.c.id == event_id).values(text=new_text, data=new_data))
    for incident_id, resolution in bind.execute(sa.select(incidents.c.id, incidents.c.resolution)
                                                .where(incidents.c.resolution.is_not(None))).all():
        if decoded(resolution) != resolution:
            bind.execute(incidents.update().where(incidents.c.id == incident_id)
                         .values(resolution=decoded(resolution)))
    # Messages still waiting: a resolve's summary, a status update for the stakeholders and for the room.
    waiting = bind.execute(sa.select(outbox.c.id, outbox.c.kind, outbox.c.payload).where(
        outbox.c.status == 'pending', outbox.c.kind.in_(('post_status', 'post_stakeholders', 'room_notice')))).all()
    for row_id, kind, payload in waiting:
        payload = dict(payload or {})
        field = 'summary' if kind == 'post_status' else 'text'
        if kind == 'room_notice' and payload.get('what') != 'status_update':
            continue
        if isinstance(payload.get(field), str) and decoded(payload[field]) != payload[field]:
            payload[field] = decoded(payload[field])
            bind.execute(outbox.update().where(outbox.c.id == row_id).values(payload=payload))


def downgrade() -> None:
    # The old rows held Slack's escaping, which cannot be told apart from plain text afterwards: nothing to undo
    # that the older code could not show (it showed plain text as it is).
    pass
