"""The contract's own records: breaches the bureau asserts, deliverables with their sign-off,
the acceptance meeting's outcome.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('manual_breach',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('clause', sa.String(length=200), nullable=False),
    sa.Column('notice', sa.String(length=64), nullable=False),
    sa.Column('amount', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_manual_breach_day'), 'manual_breach', ['day'], unique=False)
    op.create_table('deliverable',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('period', sa.String(length=32), nullable=False),
    sa.Column('delivered_on', sa.Date(), nullable=False),
    sa.Column('delivered_to', sa.String(length=64), nullable=False),
    sa.Column('signed_by', sa.String(length=64), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_deliverable_delivered_on'), 'deliverable', ['delivered_on'],
                    unique=False)
    op.create_table('acceptance_outcome',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('result', sa.String(length=8), nullable=False),
    sa.Column('deduction', sa.Float(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('acceptance_outcome')
    op.drop_index(op.f('ix_deliverable_delivered_on'), table_name='deliverable')
    op.drop_table('deliverable')
    op.drop_index(op.f('ix_manual_breach_day'), table_name='manual_breach')
    op.drop_table('manual_breach')
