"""Duty roster and shift handover: leave, duty shifts, signed handovers and their items.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('outgoing', sa.String(length=64), nullable=False),
    sa.Column('window_start', UTCDateTime(), nullable=False),
    sa.Column('window_end', UTCDateTime(), nullable=False),
    sa.Column('signed_at', UTCDateTime(), nullable=False),
    sa.Column('next_shift_start', UTCDateTime(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('incoming', sa.String(length=64), nullable=False),
    sa.Column('acknowledged_at', UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_outgoing'), ['outgoing'], unique=False)
        batch_op.create_index('ix_handover_signed', ['signed_at', 'id'], unique=False)

    op.create_table('duty_shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('slot', sa.String(length=8), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'slot', 'staff_id')
    )
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_shift_day'), ['day'], unique=False)
        batch_op.create_index('ix_shift_staff_day', ['staff_id', 'day'], unique=False)

    op.create_table('handover_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=24), nullable=False),
    sa.Column('entity', sa.String(length=24), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.Column('carried', sa.Boolean(), nullable=False),
    sa.Column('carry_count', sa.Integer(), nullable=False),
    sa.Column('review', sa.String(length=16), nullable=False),
    sa.Column('reviewed_by', sa.String(length=64), nullable=False),
    sa.Column('reviewed_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['handover_id'], ['handover.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('handover_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_item_handover_id'), ['handover_id'], unique=False)

    op.create_table('leave',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('part', sa.String(length=8), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('requested_by', sa.String(length=64), nullable=False),
    sa.Column('requested_at', UTCDateTime(), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    sa.Column('decided_at', UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('leave', schema=None) as batch_op:
        batch_op.create_index('ix_leave_staff_days', ['staff_id', 'start_on', 'end_on'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('leave', schema=None) as batch_op:
        batch_op.drop_index('ix_leave_staff_days')

    op.drop_table('leave')
    with op.batch_alter_table('handover_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_item_handover_id'))

    op.drop_table('handover_item')
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.drop_index('ix_shift_staff_day')
        batch_op.drop_index(batch_op.f('ix_duty_shift_day'))

    op.drop_table('duty_shift')
    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.drop_index('ix_handover_signed')
        batch_op.drop_index(batch_op.f('ix_handover_outgoing'))

    op.drop_table('handover')

