"""Stored figures of ended months (month_figure): the compliance ledger's SLA attainment per
month is counted once and kept; a question inserted, changed or deleted inside a stored month
raises that month's `stale` in the same transaction, by trigger, whatever code made the change.

Revision ID: 0022
Revises: 0021
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

_MARK = ("UPDATE month_figure SET stale = stale + 1 WHERE name = 'sla' "
         "AND start_at <= {row}.received_at AND {row}.received_at < end_at")


def upgrade() -> None:
    op.create_table(
        'month_figure',
        sa.Column('name', sa.String(length=32), nullable=False),
        sa.Column('start_at', UTCDateTime(), nullable=False),
        sa.Column('end_at', UTCDateTime(), nullable=False),
        sa.Column('stale', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.Column('computed_at', UTCDateTime(), nullable=True),
        sa.Column('valid_until', UTCDateTime(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('name', 'start_at'),
    )
    if op.get_bind().dialect.name == "sqlite":
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")),
                            ("DELETE", ("OLD",))):
            marks = " ".join(_MARK.format(row=row) + ";" for row in rows)
            op.execute(f"CREATE TRIGGER question_month_figure_{event.lower()} AFTER {event} "
                       f"ON question BEGIN {marks} END")
        return
    op.execute(
        "CREATE FUNCTION question_month_figure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN {_MARK.format(row='OLD')}; END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_MARK.format(row='NEW')}; END IF; "
        "RETURN NULL; END $$")
    op.execute("CREATE TRIGGER question_month_figure AFTER INSERT OR UPDATE OR DELETE "
               "ON question FOR EACH ROW EXECUTE FUNCTION question_month_figure()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS question_month_figure_{event}")
    else:
        op.execute("DROP TRIGGER IF EXISTS question_month_figure ON question")
        op.execute("DROP FUNCTION IF EXISTS question_month_figure()")
    op.drop_table('month_figure')
