"""Alembic environment: always run programmatically with a connection from helpdesk.storage."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import helpdesk.app.tables  # noqa: F401  (registers every table)
from helpdesk.storage.migrate import is_schema_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=is_schema_object,
)
with context.begin_transaction():
    context.run_migrations()
