"""Each case's statutory step deadlines stored (the acceptance notice's from receipt, the
handling deadline after any extension from acceptance), indexed with the reply day, so the
assessment rates are range scans over a period instead of a walk over the backlog. The
columns are filled at the next start (services/step_deadlines.py), not here: they need the
calendar and the configured rules.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('petition_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('handling_due', sa.Date(), nullable=True))
    op.create_index('ix_case_notice_due', 'petition_case', ['notice_due'], unique=False)
    op.create_index('ix_case_handling_due', 'petition_case', ['handling_due'], unique=False)
    op.create_index('ix_case_replied', 'petition_case', ['replied_on'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_case_replied', table_name='petition_case')
    op.drop_index('ix_case_handling_due', table_name='petition_case')
    op.drop_index('ix_case_notice_due', table_name='petition_case')
    with op.batch_alter_table('petition_case', schema=None) as batch_op:
        batch_op.drop_column('handling_due')
        batch_op.drop_column('notice_due')
