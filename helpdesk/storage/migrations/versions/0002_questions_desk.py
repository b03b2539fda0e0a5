"""Questions desk: questions, history, SLA breaches, knowledge base, configuration requests,
requirement/problem registers; SQLite FTS5 trigram indexes for Chinese search.

A later SQLite batch migration that rebuilds `question` or `kb_article` must recreate the
FTS triggers below.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('received_at', UTCDateTime(), nullable=False),
    sa.Column('asker_name', sa.String(length=64), nullable=False),
    sa.Column('asker_phone', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('priority', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('first_response_at', UTCDateTime(), nullable=True),
    sa.Column('resolved_at', UTCDateTime(), nullable=True),
    sa.Column('closed_at', UTCDateTime(), nullable=True),
    sa.Column('response_due_at', UTCDateTime(), nullable=True),
    sa.Column('response_risk_at', UTCDateTime(), nullable=True),
    sa.Column('resolve_due_at', UTCDateTime(), nullable=True),
    sa.Column('resolve_risk_at', UTCDateTime(), nullable=True),
    sa.Column('resolve_paused_seconds', sa.Integer(), nullable=True),
    sa.Column('escalation_ref', sa.String(length=64), nullable=False),
    sa.Column('time_spent_minutes', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index('ix_question_category_received', ['category', 'received_at', 'id'], unique=False)
        batch_op.create_index('ix_question_received', ['received_at', 'id'], unique=False)
        batch_op.create_index('ix_question_resolve_due', ['resolve_due_at'], unique=False,
                              sqlite_where=sa.text('resolved_at IS NULL'),
                              postgresql_where=sa.text('resolved_at IS NULL'))
        batch_op.create_index('ix_question_response_due', ['response_due_at'], unique=False,
                              sqlite_where=sa.text('first_response_at IS NULL'),
                              postgresql_where=sa.text('first_response_at IS NULL'))
        batch_op.create_index('ix_question_status_received', ['status', 'received_at', 'id'], unique=False)
        batch_op.create_index('ix_question_unit_received', ['unit_id', 'received_at', 'id'], unique=False)

    op.create_table('config_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('requested_by', sa.String(length=64), nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=False),
    sa.Column('change_summary', sa.Text(), nullable=False),
    sa.Column('checklist', sa.Text(), nullable=False),
    sa.Column('done_by', sa.String(length=64), nullable=False),
    sa.Column('done_at', UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('question_id')
    )
    op.create_table('kb_article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=40), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('tags', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('source_question_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['source_question_id'], ['question.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    with op.batch_alter_table('kb_article', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_article_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_article_status'), ['status'], unique=False)

    op.create_table('question_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('question_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_event_question_id'), ['question_id'], unique=False)

    op.create_table('sla_breach',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('clock', sa.String(length=16), nullable=False),
    sa.Column('due_at', UTCDateTime(), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('priority', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('question_id', 'clock')
    )
    with op.batch_alter_table('sla_breach', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sla_breach_question_id'), ['question_id'], unique=False)

    op.create_table('tracker_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('source_question_id', sa.Integer(), nullable=True),
    sa.Column('province_ref', sa.String(length=64), nullable=False),
    sa.Column('follow_up_due', sa.Date(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['source_question_id'], ['question.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('tracker_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracker_item_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracker_item_source_question_id'), ['source_question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracker_item_status'), ['status'], unique=False)

    op.create_table('kb_article_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('tags', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('changed_at', UTCDateTime(), nullable=False),
    sa.Column('changed_by', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_article.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_id', 'version')
    )
    with op.batch_alter_table('kb_article_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_article_version_article_id'), ['article_id'], unique=False)

    op.create_table('question_kb_link',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_article.id'], ),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ),
    sa.PrimaryKeyConstraint('question_id', 'article_id')
    )
    with op.batch_alter_table('question_kb_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_kb_link_article_id'), ['article_id'], unique=False)


    _create_search_indexes()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS question_fts")
        op.execute("DROP TABLE IF EXISTS kb_fts")
    with op.batch_alter_table('question_kb_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_kb_link_article_id'))

    op.drop_table('question_kb_link')
    with op.batch_alter_table('kb_article_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_article_version_article_id'))

    op.drop_table('kb_article_version')
    with op.batch_alter_table('tracker_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracker_item_status'))
        batch_op.drop_index(batch_op.f('ix_tracker_item_source_question_id'))
        batch_op.drop_index(batch_op.f('ix_tracker_item_kind'))

    op.drop_table('tracker_item')
    with op.batch_alter_table('sla_breach', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sla_breach_question_id'))

    op.drop_table('sla_breach')
    with op.batch_alter_table('question_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_event_question_id'))

    op.drop_table('question_event')
    with op.batch_alter_table('kb_article', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_article_status'))
        batch_op.drop_index(batch_op.f('ix_kb_article_category'))

    op.drop_table('kb_article')
    op.drop_table('config_request')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index('ix_question_unit_received')
        batch_op.drop_index('ix_question_status_received')
        batch_op.drop_index('ix_question_response_due')
        batch_op.drop_index('ix_question_resolve_due')
        batch_op.drop_index('ix_question_received')
        batch_op.drop_index('ix_question_category_received')
        batch_op.drop_index(batch_op.f('ix_question_assignee_id'))

    op.drop_table('question')


FTS_TABLES = {
    # fts table: (content table, indexed columns)
    "question_fts": ("question", ("title", "description", "answer")),
    "kb_fts": ("kb_article", ("title", "question", "answer", "tags")),
}


def _create_search_indexes() -> None:
    """Trigram FTS5 finds Chinese substrings of 3+ characters by index; shorter queries scan."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for fts, (table, columns) in FTS_TABLES.items():
        names = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', "
                   f"content_rowid='id', tokenize='trigram')")
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new}); END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); END")
        op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {names} ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); "
                   f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new}); END")
