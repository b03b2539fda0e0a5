"""The Core tables that reads without the ORM use (helpdesk/storage/core_tables.py) are the
models' tables: regenerated here and compared, so a model change without regenerating fails."""

from __future__ import annotations

from sqlalchemy import Column

from tests.core_tables import TARGET, generated


def test_the_core_tables_are_generated_from_the_current_models() -> None:
    assert TARGET.read_text(encoding="utf-8") == generated(), \
        "models changed: run `.venv/bin/python -m tests.core_tables`"


def test_each_core_table_has_the_models_columns_and_keys() -> None:
    from sqlmodel import SQLModel

    import helpdesk.app.tables  # noqa: F401
    from helpdesk.storage import core_tables

    def python_type(column: Column[object]) -> type:
        # SQLModel's AutoString reports `object`: it holds str.
        return str if type(column.type).__name__ == "AutoString" else column.type.python_type

    assert set(core_tables.metadata.tables) == set(SQLModel.metadata.tables)
    for name, model_table in SQLModel.metadata.tables.items():
        core = core_tables.metadata.tables[name]
        assert [(c.name, c.primary_key, python_type(c)) for c in core.columns] == \
            [(c.name, c.primary_key, python_type(c)) for c in model_table.columns], name
