"""Where the schema's migration scripts live and which revisions they know: read both by the
migrator and by a restore that must recognise a backup's schema."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def known_revisions() -> set[str]:
    # alembic is imported when asked: its import costs start-up time every command would pay
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}


_DECLARED = re.compile(r"""^(down_revision|revision)\s*=\s*['"]?([\w]+)['"]?""", re.M)


def head_revision() -> str:
    """The one revision no other revises, read from the scripts' own `revision` and
    `down_revision` lines: importing Alembic to learn it cost every command ~0.2 s.
    tests/test_migrations.py checks it against Alembic's answer."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in MIGRATIONS_DIR.glob("versions/*.py"):
        declared = dict(_DECLARED.findall(script.read_text(encoding="utf-8")))
        revisions.add(declared["revision"])
        revised.add(declared.get("down_revision", "None"))
    heads = revisions - revised
    assert len(heads) == 1, heads  # the migrations form one line
    return heads.pop()
