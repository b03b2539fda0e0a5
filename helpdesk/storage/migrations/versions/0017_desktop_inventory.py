"""The desktop inventory: terminals, their plug-ins, and the questions about them.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('terminal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('machine', sa.String(length=64), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('user_name', sa.String(length=64), nullable=False),
    sa.Column('location', sa.String(length=128), nullable=False),
    sa.Column('browser', sa.String(length=64), nullable=False),
    sa.Column('browser_version', sa.String(length=32), nullable=False),
    sa.Column('last_visit', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=128), nullable=False),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('machine')
    )
    op.create_index('ix_terminal_unit_id', 'terminal', ['unit_id'], unique=False)
    op.create_table('terminal_plugin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('terminal_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminal.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('terminal_id', 'name')
    )
    op.create_index('ix_terminal_plugin_terminal_id', 'terminal_plugin', ['terminal_id'],
                    unique=False)
    op.create_table('question_terminal',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('terminal_id', sa.Integer(), nullable=False),
    sa.Column('linked_by', sa.String(length=64), nullable=False),
    sa.Column('linked_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminal.id'], ),
    sa.PrimaryKeyConstraint('question_id')
    )
    op.create_index('ix_question_terminal_terminal_id', 'question_terminal', ['terminal_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_question_terminal_terminal_id', table_name='question_terminal')
    op.drop_table('question_terminal')
    op.drop_index('ix_terminal_plugin_terminal_id', table_name='terminal_plugin')
    op.drop_table('terminal_plugin')
    op.drop_index('ix_terminal_unit_id', table_name='terminal')
    op.drop_table('terminal')
