"""Building the files: progress per dataset, an atomic switch, and when to rebuild."""

from __future__ import annotations

import datetime
import os
import re
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from commune.opendata import build as build_module
from commune.opendata.build import build, current_build, is_stale, needs_rebuild, read_manifest
from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


def test_the_build_command_reports_each_dataset_and_switches_to_the_new_build(
    city, opendata_dir: Path
) -> None:
    out = StringIO()
    call_command("opendata", "build", stdout=out)
    text = out.getvalue()
    # Words are translated; the dataset names and counts are not.
    assert re.search(r"^contributions\D+2\b", text, re.MULTILINE)
    assert re.search(r"^comments\D+2\b", text, re.MULTILINE)
    assert re.search(r"^wiki_pages\D+1\b", text, re.MULTILINE)
    assert "donnees-ouvertes.zip" in text
    assert current_build() is not None
    assert (current_build() / "contributions.csv").is_file()
    assert read_manifest()["datasets"]["contributions"]["rows"] == 2


def test_a_failing_dataset_leaves_the_previous_build_in_place(
    city, built: dict, opendata_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = current_build()
    ContributionFactory(space=city.space)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "write_formats", broken)
    with pytest.raises(RuntimeError):
        build()
    assert current_build() == before
    assert read_manifest()["datasets"]["contributions"]["rows"] == 2
    leftovers = [path.name for path in (opendata_dir / "builds").iterdir()]
    assert leftovers == [before.name], "the half-written build was not removed"


def test_a_rebuild_keeps_the_two_latest_builds_and_clears_day_old_scratch(
    built: dict, opendata_dir: Path
) -> None:
    killed = opendata_dir / "builds" / ".building-killed"
    killed.mkdir()
    os.utime(killed, (time.time() - 2 * 86400,) * 2)
    running = opendata_dir / "builds" / ".building-running"
    running.mkdir()
    for _ in range(3):
        build()
    names = sorted(path.name for path in (opendata_dir / "builds").iterdir())
    assert names[0] == ".building-running"
    assert len(names) == 3
    assert names[-1] == current_build().name


def test_rebuild_when_never_built_changed_or_a_day_old() -> None:
    fresh = NOW - datetime.timedelta(hours=1)
    assert needs_rebuild(built_at=None, built_fingerprint=None, current_fingerprint="a", now=NOW)
    assert not needs_rebuild(
        built_at=fresh, built_fingerprint="a", current_fingerprint="a", now=NOW
    )
    assert needs_rebuild(built_at=fresh, built_fingerprint="a", current_fingerprint="b", now=NOW)
    day_old = NOW - datetime.timedelta(hours=24)
    assert needs_rebuild(built_at=day_old, built_fingerprint="a", current_fingerprint="a", now=NOW)


def test_a_new_contribution_or_a_hidden_comment_makes_the_build_stale(city, built: dict) -> None:
    assert not is_stale()
    comment = city.contribution.comments.filter(hidden_at__isnull=True).first()
    comment.hidden_at = timezone.now()
    comment.save()
    assert is_stale()
    build()
    assert not is_stale()
    ContributionFactory(space=city.space)
    assert is_stale()
    build()
    assert is_stale(now=timezone.now() + datetime.timedelta(days=1))


def test_if_stale_builds_only_when_needed(city, opendata_dir: Path) -> None:
    first = StringIO()
    call_command("opendata", "build", "--if-stale", stdout=first)
    assert current_build() is not None
    assert str(current_build()) in first.getvalue()
    second = StringIO()
    call_command("opendata", "build", "--if-stale", stdout=second)
    assert str(current_build()) not in second.getvalue()
    assert len(list((opendata_dir / "builds").iterdir())) == 1
