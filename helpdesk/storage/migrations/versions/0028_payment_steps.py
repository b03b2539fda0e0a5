"""The steps of the money (contract 九 and 十三): invoices received, instalments paid, an early
end and its refund, so the payment position can say what is due when and what is still owed.

Revision ID: 0028
Revises: 0027
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'payment_step',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('amount', sa.Float(), nullable=True),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.Column('recorded_by', sa.String(length=64), nullable=False),
        sa.Column('recorded_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_payment_step_kind', 'payment_step', ['kind'])


def downgrade() -> None:
    op.drop_index('ix_payment_step_kind', table_name='payment_step')
    op.drop_table('payment_step')
