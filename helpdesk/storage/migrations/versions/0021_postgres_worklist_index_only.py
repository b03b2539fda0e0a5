"""PostgreSQL: the worklist index carries the case id (INCLUDE), so the day's worklist is an
index-only scan instead of a bitmap scan that reads a heap page per listed case (1M cases:
240 + 164 ms down to 66 + 30 ms). SQLite's index has the rowid already: nothing changes there.

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

OPEN = sa.text("stage != 'closed'")
WORKLIST = ('next_due', 'stage', 'objection_due', 'replied_on', 'rating', 'revisit_status',
            'supervised', 'unit_id', 'case_number', 'next_step', 'extension_days',
            'due_provisional', 'next_due_expected')


def _recreate(include: list[str]) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index('ix_case_worklist', table_name='petition_case', postgresql_where=OPEN)
    op.create_index('ix_case_worklist', 'petition_case', [*WORKLIST], unique=False,
                    postgresql_where=OPEN, postgresql_include=include)


def upgrade() -> None:
    _recreate(["id"])


def downgrade() -> None:
    _recreate([])
