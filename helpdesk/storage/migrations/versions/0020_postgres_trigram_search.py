"""PostgreSQL: trigram (pg_trgm) indexes for the Chinese text search, so a case's subject and a
question's title, description and answer are found by index instead of an unindexed ILIKE
scan (SQLite has its FTS5 trigram tables for the questions since 0002). pg_trgm is a trusted
extension: the database's owner may create it. Where it cannot be created, the search still
works, unindexed (a DBA can run CREATE EXTENSION pg_trgm and downgrade/upgrade 0020). The
indexes live outside the models (a btree on the same columns would be useless on SQLite):
storage/migrate.is_schema_object leaves `*_trgm` out of the model comparison.

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

INDEXES = (("ix_case_subject_trgm", "petition_case", "subject"),
           ("ix_question_title_trgm", "question", "title"),
           ("ix_question_description_trgm", "question", "description"),
           ("ix_question_answer_trgm", "question", "answer"))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():  # a refusal rolls back to here, not the whole upgrade
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return  # not allowed here: the search stays an unindexed scan
    for name, table, column in INDEXES:
        op.create_index(name, table, [column], postgresql_using="gin",
                        postgresql_ops={column: "gin_trgm_ops"})


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _table, _column in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
