"""Many rows into one table in one executemany, for imports of a province's export.

SQLAlchemy's executemany builds and processes a parameter dictionary per row; at 100,000 rows
that costs as much as the database's own work. Here each column's type conversion (dates as
SQLite stores them, UTC instants) is looked up once and applied to plain tuples, which go to
the driver as they are."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table


def insert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
                ) -> None:
    """INSERT every row (all with the same keys: the columns written)."""
    if not rows:
        return
    names = list(rows[0])
    dialect = connection.dialect
    converting = [
        (index, processor) for index, name in enumerate(names)
        if (processor := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        is not None]
    quote = dialect.identifier_preparer.quote
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    statement = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
                 f"({', '.join(quote(name) for name in names)}) "
                 f"VALUES ({', '.join([marker] * len(names))})")
    values: list[tuple[Any, ...]] = []
    for row in rows:
        record = [row[name] for name in names]
        for index, processor in converting:
            if record[index] is not None:
                record[index] = processor(record[index])
        values.append(tuple(record))
    connection.exec_driver_sql(statement, values)


@contextmanager
def roomy_cache(connection: Connection, mebibytes: int = 64) -> Iterator[None]:
    """SQLite: a page cache that holds the indexes a bulk write touches, for that write only
    (the default 2 MB thrashes once a table's dozen indexes pass it: 100,000 new cases write
    a fifth slower). The memory is given back after."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql(f"PRAGMA cache_size={-mebibytes * 1024}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={before}")
