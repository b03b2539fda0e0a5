"""Provisional deadlines: the expected day beside the earliest one while a year's holiday
schedule is unpublished; the objection window (异议) of transferred cases; data requests whose
due day is provisional.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('petition_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_due_expected', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('objection_due', sa.Date(), nullable=True))
        batch_op.create_index('ix_case_objection_due', ['objection_due'], unique=False,
                              sqlite_where=sa.text("stage = 'transferred'"),
                              postgresql_where=sa.text("stage = 'transferred'"))
    with op.batch_alter_table('data_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_provisional', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('data_request', schema=None) as batch_op:
        batch_op.drop_column('due_provisional')
    with op.batch_alter_table('petition_case', schema=None) as batch_op:
        batch_op.drop_index('ix_case_objection_due', sqlite_where=sa.text("stage = 'transferred'"),
                            postgresql_where=sa.text("stage = 'transferred'"))
        batch_op.drop_column('objection_due')
        batch_op.drop_column('next_due_expected')
