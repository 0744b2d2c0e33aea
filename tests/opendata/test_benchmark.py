"""The export benchmark runs end to end on a few rows and prints its figures."""

from __future__ import annotations

from io import StringIO

import pytest
from django.db import connection

from benchmarks import opendata_export

pytestmark = pytest.mark.django_db


def test_the_benchmark_exports_csv_and_parquet_and_compares_with_copy() -> None:
    out = StringIO()
    figures = opendata_export.run(rows=300, in_process=True, out=out)
    text = out.getvalue()
    assert [item["rows"] for item in figures["exports"]] == [300, 300]
    assert "csv: 300 rows" in text
    assert "parquet: 300 rows" in text
    assert "peak" in text
    assert "rows/s" in text
    if connection.vendor == "postgresql":
        assert "COPY is" in text
    else:
        assert "not on PostgreSQL" in text


def test_a_second_run_reuses_the_rows_already_there() -> None:
    opendata_export.ensure_contributions(50, out=StringIO())
    out = StringIO()
    opendata_export.ensure_contributions(80, out=out)
    assert "inserted 80 / 80" in out.getvalue()
    assert opendata_export.bench_space().contributions.count() == 80
