"""Streaming writers for CSV, JSON and Parquet (no Django): rows in, files out, memory flat.

One pass over the rows feeds every writer, so the database is read once per dataset.
Columns are (name, Table Schema type) pairs; values are Python values (None for empty).
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

Columns = Sequence[tuple[str, str]]
PARQUET_BATCH_ROWS = 50_000
# Cells a spreadsheet would run as a formula (CSV injection): see _defuse.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def iso_datetime(value: datetime.datetime) -> str:
    """UTC, to the second, with a Z: the Table Schema default datetime format."""
    if value.tzinfo is not datetime.UTC:
        value = value.astimezone(datetime.UTC)
    return value.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def _csv_formatter(kind: str) -> Callable[[Any], str]:
    """How a value of this Table Schema type is written in a CSV cell (chosen once per column)."""
    if kind == "datetime":
        return lambda value: "" if value is None else iso_datetime(value)
    if kind == "date":
        return lambda value: "" if value is None else value.isoformat()
    if kind == "boolean":
        return lambda value: "" if value is None else ("true" if value else "false")
    if kind == "string":
        return lambda value: "" if value is None else _defuse(str(value))
    return lambda value: "" if value is None else str(value)


def _defuse(text: str) -> str:
    # The same rule as the site's CSV downloads: a title such as "=HYPERLINK(…)" stays text.
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _json_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        return iso_datetime(value)
    if kind == "date":
        return value.isoformat()
    return value


class Writer(Protocol):
    def write(self, row: Sequence[Any]) -> None: ...

    def close(self) -> None: ...


class CsvWriter:
    """UTF-8 without a byte-order mark, comma, one header line, ISO dates (docs/open-data.md)."""

    def __init__(self, path: Path, columns: Columns) -> None:
        self._file = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file, lineterminator="\r\n")
        self._formatters = [_csv_formatter(kind) for _name, kind in columns]
        self._writer.writerow([name for name, _kind in columns])

    def write(self, row: Sequence[Any]) -> None:
        self._writer.writerow([fmt(v) for fmt, v in zip(self._formatters, row, strict=True)])

    def close(self) -> None:
        self._file.close()


class JsonWriter:
    """A JSON array of objects, written one object at a time."""

    def __init__(self, path: Path, columns: Columns) -> None:
        self._file = path.open("w", encoding="utf-8")
        self._columns = list(columns)
        self._first = True
        self._file.write("[")

    def write(self, row: Sequence[Any]) -> None:
        record = {
            name: _json_value(value, kind)
            for (name, kind), value in zip(self._columns, row, strict=True)
        }
        self._file.write("\n" if self._first else ",\n")
        self._file.write(json.dumps(record, ensure_ascii=False))
        self._first = False

    def close(self) -> None:
        self._file.write("\n]\n")
        self._file.close()


_ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "datetime": pa.timestamp("ms", tz="UTC"),  # Parquet has no seconds unit
}


def arrow_schema(columns: Columns) -> pa.Schema:
    return pa.schema([pa.field(name, _ARROW_TYPES[kind]) for name, kind in columns])


class ParquetWriter:
    """Parquet in record batches of PARQUET_BATCH_ROWS rows (only one batch in memory)."""

    def __init__(self, path: Path, columns: Columns, batch_rows: int = PARQUET_BATCH_ROWS) -> None:
        self._schema = arrow_schema(columns)
        self._writer = pq.ParquetWriter(str(path), self._schema, compression="zstd")
        self._batch_rows = batch_rows
        self._kinds = [kind for _name, kind in columns]
        self._buffer: list[list[Any]] = [[] for _ in columns]
        self._pending = 0

    def write(self, row: Sequence[Any]) -> None:
        for values, value, kind in zip(self._buffer, row, self._kinds, strict=True):
            if kind == "datetime" and value is not None:
                value = value.astimezone(datetime.UTC).replace(microsecond=0)
            values.append(value)
        self._pending += 1
        if self._pending >= self._batch_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        arrays = [
            pa.array(values, type=field.type)
            for values, field in zip(self._buffer, self._schema, strict=True)
        ]
        self._writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=self._schema))
        self._buffer = [[] for _ in self._buffer]
        self._pending = 0

    def close(self) -> None:
        self._flush()
        self._writer.close()


def write_formats(rows: Iterable[Sequence[Any]], columns: Columns, paths: dict[str, Path]) -> int:
    """Write the rows to every format in `paths` ("csv", "json", "parquet") in one pass.

    Returns the number of rows. On an error the files are left half-written: callers write
    into a scratch directory they throw away (see build.py).
    """
    makers = {"csv": CsvWriter, "json": JsonWriter, "parquet": ParquetWriter}
    writers: list[Writer] = [makers[fmt](path, columns) for fmt, path in paths.items()]
    count = 0
    try:
        for row in rows:
            for writer in writers:
                writer.write(row)
            count += 1
    finally:
        for writer in writers:
            writer.close()
    return count
