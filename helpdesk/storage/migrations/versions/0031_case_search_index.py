"""SQLite: a trigram FTS5 index over the cases' subject, kept by triggers in the same
transaction as the row, so that a search of 3+ characters in the case list is an index lookup
instead of a scan of every case (about 2 s per keystroke at a million cases; issue 33).
Shorter searches cannot use a trigram and still scan, stopping at the first page of hits.
PostgreSQL has its trigram index on the subject since 0020.

Not the case number: its digit trigrams ("000", "202") are in nearly every case, and keeping
doclists that long made an import of 20,000 cases into 440,000 take 122 s instead of 0.9 s.
Numbers have their own unique index (prefix search) and a scan for a tail.

A later migration that rebuilds `petition_case` in batch mode drops these triggers with the old
table: it must create them again (tests/test_migrations.py checks every FTS table's triggers
at head).

Revision ID: 0031
Revises: 0030
"""

from __future__ import annotations

from alembic import op

revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None

FTS, TABLE, COLUMNS = "case_fts", "petition_case", ("subject",)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    names = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    op.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5({names}, content='{TABLE}', "
               f"content_rowid='id', tokenize='trigram')")
    op.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
    op.execute(f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "
               f"INSERT INTO {FTS}(rowid, {names}) VALUES (new.id, {new}); END")
    op.execute(f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "
               f"INSERT INTO {FTS}({FTS}, rowid, {names}) VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER {FTS}_au AFTER UPDATE OF {names} ON {TABLE} BEGIN "
               f"INSERT INTO {FTS}({FTS}, rowid, {names}) VALUES ('delete', old.id, {old}); "
               f"INSERT INTO {FTS}(rowid, {names}) VALUES (new.id, {new}); END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {FTS}_{trigger}")
    op.execute(f"DROP TABLE IF EXISTS {FTS}")
