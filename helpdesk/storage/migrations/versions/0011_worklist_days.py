"""The urging worklist worked every working day: explicit "nothing due" days, and an index on
when urgings happened (the ledger looks them up day by day); the day a problem was resolved
and a requirement fed back.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('worklist_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    op.create_index('ix_urging_at', 'urging', ['at'], unique=False)
    with op.batch_alter_table('tracker_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolved_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('fed_back_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('tracker_item', schema=None) as batch_op:
        batch_op.drop_column('fed_back_on')
        batch_op.drop_column('resolved_on')
    op.drop_index('ix_urging_at', table_name='urging')
    op.drop_table('worklist_day')
