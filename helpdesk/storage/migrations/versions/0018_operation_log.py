"""The provincial system's operation log and account list, for the log analysis.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('oplog_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=True),
    sa.Column('last_login', sa.Date(), nullable=True),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('account')
    )
    op.create_index('ix_oplog_account_unit_id', 'oplog_account', ['unit_id'], unique=False)
    op.create_table('oplog_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('operation', sa.String(length=32), nullable=False),
    sa.Column('off_hours', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('at', 'account', 'operation')
    )
    op.create_index('ix_oplog_day_unit', 'oplog_entry', ['day', 'unit_id'], unique=False)
    op.create_index('ix_oplog_account_day', 'oplog_entry', ['account', 'day'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_oplog_account_day', table_name='oplog_entry')
    op.drop_index('ix_oplog_day_unit', table_name='oplog_entry')
    op.drop_table('oplog_entry')
    op.drop_index('ix_oplog_account_unit_id', table_name='oplog_account')
    op.drop_table('oplog_account')
