"""Each case's statutory step deadlines stored (the acceptance notice's from receipt, the
handling deadline after any extension from acceptance), in covering indexes with the reply day, so
the assessment rates are index range scans over a period instead of a walk over the backlog. The
columns are filled at the next start (cases/step_deadlines.py), not here: they need the
calendar and the configured rules. A covering index of the questions' SLA clocks serves the
reports' SLA figures the same way, and the urging worklist reads one partial covering index
of the open cases.

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

OPEN = sa.text("stage != 'closed'")
WORKLIST = ('next_due', 'stage', 'objection_due', 'replied_on', 'rating', 'revisit_status',
            'supervised', 'unit_id', 'case_number', 'next_step', 'extension_days',
            'due_provisional', 'next_due_expected')


def upgrade() -> None:
    with op.batch_alter_table('petition_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('handling_due', sa.Date(), nullable=True))
    # Covering: a period's rates read these indexes only.
    op.create_index('ix_case_notice_due', 'petition_case', ['notice_due', 'unit_id', 'received_on',
                    'accepted_on', 'objected_on'], unique=False)
    op.create_index('ix_case_handling_due', 'petition_case', ['handling_due', 'unit_id',
                    'accepted_on', 'replied_on'], unique=False)
    op.create_index('ix_case_replied', 'petition_case', ['replied_on', 'unit_id', 'rating',
                    'accepted_on', 'handling_due'], unique=False)
    op.drop_index('ix_case_next_due', table_name='petition_case')
    op.create_index('ix_case_worklist', 'petition_case', [*WORKLIST], unique=False,
                    sqlite_where=OPEN, postgresql_where=OPEN)
    op.create_index('ix_question_sla', 'question', ['received_at', 'category', 'channel',
                    'unit_id', 'response_due_at', 'first_response_at', 'resolve_due_at',
                    'resolved_at', 'title'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_question_sla', table_name='question')
    op.drop_index('ix_case_worklist', table_name='petition_case', sqlite_where=OPEN,
                  postgresql_where=OPEN)
    op.create_index('ix_case_next_due', 'petition_case', ['next_due'], unique=False,
                    sqlite_where=OPEN, postgresql_where=OPEN)
    op.drop_index('ix_case_replied', table_name='petition_case')
    op.drop_index('ix_case_handling_due', table_name='petition_case')
    op.drop_index('ix_case_notice_due', table_name='petition_case')
    with op.batch_alter_table('petition_case', schema=None) as batch_op:
        batch_op.drop_column('handling_due')
        batch_op.drop_column('notice_due')
