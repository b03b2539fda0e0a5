"""Duty shifts that left an engineer (swap, reassignment, removal, regeneration) are kept as
cancellations for the .ics export, and a shift records when it last changed (LAST-MODIFIED).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('shift_cancellation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('slot', sa.String(length=8), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('cancelled_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'slot', 'staff_id')
    )
    op.create_index('ix_shift_cancellation_day', 'shift_cancellation', ['day'], unique=False)
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changed_at', UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.drop_column('changed_at')
    op.drop_index('ix_shift_cancellation_day', table_name='shift_cancellation')
    op.drop_table('shift_cancellation')
