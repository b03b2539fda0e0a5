"""Security and confidentiality exams (安全保密考核), signed confidentiality pledges, and the
confidentiality registers (files and media, borrowing, copy approvals, meeting records,
recording authorisations, incidents).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('security_exam',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_security_exam_staff_day', 'security_exam', ['staff_id', 'taken_on'],
                    unique=False)
    op.create_table('confidentiality_pledge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_pledge_staff_day', 'confidentiality_pledge', ['staff_id', 'signed_on'],
                    unique=False)

    op.create_table('register_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('detail', sa.String(length=2000), nullable=False),
    sa.Column('medium', sa.String(length=32), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('holder', sa.String(length=64), nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('password_set', sa.Boolean(), nullable=True),
    sa.Column('reported_to', sa.String(length=64), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('ref_id', sa.Integer(), nullable=True),
    sa.Column('file_path', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('encrypted', sa.Boolean(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('handed_to', sa.String(length=64), nullable=False),
    sa.Column('witness', sa.String(length=64), nullable=False),
    sa.Column('close_note', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ref_id'], ['register_entry.id'], ),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_index('ix_register_kind_status', 'register_entry', ['kind', 'status', 'due_on'],
                    unique=False)
    op.create_index('ix_register_staff_open', 'register_entry', ['staff_id', 'status'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_register_staff_open', table_name='register_entry')
    op.drop_index('ix_register_kind_status', table_name='register_entry')
    op.drop_table('register_entry')
    op.drop_index('ix_pledge_staff_day', table_name='confidentiality_pledge')
    op.drop_table('confidentiality_pledge')
    op.drop_index('ix_security_exam_staff_day', table_name='security_exam')
    op.drop_table('security_exam')
