"""Every change to panels drawn by lot goes through these functions (agents only).

A panel goes draft → quotas published (with the SHA-256 commitment of a secret seed) →
drawn (the seed revealed). The pool and quotas are read by the sortition core, which also
draws; the public can re-run the draw from the published files (see docs/sortition.md).
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Sequence
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commune.accounts.models import Resident
from commune.contributions.access import is_agent
from commune.core import audit
from commune.sortition import core
from commune.sortition.models import (
    DrawRecord,
    Panel,
    PanelStatus,
    PoolMember,
    Quota,
    Withdrawal,
)
from commune.spaces.models import Space

TITLE_MAX_LENGTH = 150
PURPOSE_MAX_LENGTH = 2000
MAX_PANEL_SIZE = 1000
MAX_FILE_BYTES = 5 * 1024 * 1024
# Columns of a pool file kept privately as the member's name (never published).
NAME_COLUMNS = ("name", "nom", "full_name")
# A column of e-mail addresses links members to their resident account (kept private).
EMAIL_COLUMNS = ("email", "e-mail", "courriel")
PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ActionRefusedError(PermissionDenied):
    """Not possible at this stage of the panel."""


class ImportRefusedError(ValidationError):
    """The pool or quotas file cannot be used: one translated sentence per problem."""


class DrawRefusedError(ValidationError):
    """No panel can be drawn: the quotas' plain explanation."""


def _require_agent(actor: Any) -> None:
    if not is_agent(actor):
        raise PermissionDenied(_("Only city agents may do this."))


def _locked(panel: Panel) -> Panel:
    return Panel.objects.select_for_update().get(pk=panel.pk)


def describe_problem(problem: core.Problem) -> str:
    """A core `Problem` as a translated sentence: the file, the line(s) and the reason."""
    lines = problem.lines
    if not lines:
        where = _("whole file")
    elif len(lines) == 1:
        where = _("line %(line)s") % {"line": lines[0]}
    else:
        where = _("lines %(lines)s") % {"lines": ", ".join(str(line) for line in lines)}
    p = problem.params
    reasons = {
        "unknown_value": lambda: _("%(category)s = %(value)s has no quota line.") % p,
        "duplicate_id": lambda: _("the id %(id)s appears twice.") % p,
        "blank_value": lambda: _("%(id)s has no %(category)s.") % p,
        "duplicate_quota": lambda: _("%(category)s = %(value)s has two quota lines.") % p,
        "min_above_max": lambda: (
            _("the minimum of %(category)s = %(value)s (%(min)s) is above its maximum (%(max)s).")
            % p
        ),
        "mins_above_size": lambda: (
            _(
                "the minimums of %(category)s add up to %(total)s, more than the panel size "
                "%(panel_size)s."
            )
            % p
        ),
        "maxes_below_size": lambda: (
            _(
                "the maximums of %(category)s add up to %(total)s, less than the panel size "
                "%(panel_size)s."
            )
            % p
        ),
        "missing_columns": lambda: (
            _("a column is missing: %(detail)s") % {"detail": problem.message}
        ),
        "blank_id": lambda: _("the id is blank."),
        "empty": lambda: _("there is nothing in it."),
    }
    make = reasons.get(problem.code)
    reason = make() if make else problem.message
    return _("%(file)s, %(where)s: %(reason)s") % {
        "file": problem.source,
        "where": where,
        "reason": reason,
    }


def _refuse(problems: Sequence[core.Problem]) -> ImportRefusedError:
    return ImportRefusedError([describe_problem(problem) for problem in problems])


@transaction.atomic
def create_panel(
    *,
    space: Space,
    actor: Any,
    title: str,
    purpose: str = "",
    panel_size: int,
    reserve_size: int = 0,
) -> Panel:
    """An agent prepares a panel in a space; its pool and quotas are imported next."""
    _require_agent(actor)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("This field is required.")})
    if len(title) > TITLE_MAX_LENGTH or len(purpose) > PURPOSE_MAX_LENGTH:
        raise ValidationError(_("The title or the purpose is too long."))
    if not 1 <= panel_size <= MAX_PANEL_SIZE:
        raise ValidationError(
            {
                "panel_size": _("The panel needs between 1 and %(max)s seats.")
                % {"max": MAX_PANEL_SIZE}
            }
        )
    if reserve_size < 0 or reserve_size > MAX_PANEL_SIZE:
        raise ValidationError({"reserve_size": _("Give a reserve list size of 0 or more.")})
    panel = Panel.objects.create(
        space=space,
        title=title,
        purpose=purpose.strip(),
        panel_size=panel_size,
        reserve_size=reserve_size,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(actor=actor, action="sortition.create", target=panel)
    return panel


def _text(upload: IO[Any], label: str) -> io.StringIO:
    raw = upload.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRefusedError(_("%(file)s is larger than 5 MB.") % {"file": label})
    if isinstance(raw, str):
        return io.StringIO(raw)
    try:
        return io.StringIO(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportRefusedError(
            _("%(file)s is not a UTF-8 CSV file: save it again as CSV UTF-8.") % {"file": label}
        ) from None


def _private_columns(text: str, wanted: tuple[str, ...]) -> list[str]:
    """The cells of the pool file's first column named in `wanted`, row by row (private)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    at = next((header.index(c) for c in wanted if c in header), None)
    return [
        (row[at].strip() if at is not None and at < len(row) else "")
        for row in rows[1:]
        if any(cell.strip() for cell in row)
    ]


def _pseudonyms(count: int) -> list[str]:
    chosen: set[str] = set()
    while len(chosen) < count:
        chosen.add("P-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(6)))
    return list(chosen)


@transaction.atomic
def import_pool_and_quotas(
    *,
    panel: Panel,
    actor: Any,
    pool_file: IO[Any],
    quotas_file: IO[Any],
    pool_name: str = "POOL.csv",
    quotas_name: str = "QUOTAS.csv",
) -> Panel:
    """Replace the draft panel's pool and quotas with the files' contents; all or nothing.

    The files are read by the core's readers (same columns and variants as the command
    line). Any problem raises `ImportRefusedError` naming the file, the line and the
    reason, and nothing is saved. Each member gets a random pseudonymised id.
    """
    _require_agent(actor)
    panel = _locked(panel)
    if panel.status != PanelStatus.DRAFT:
        raise ActionRefusedError(_("The quotas are published: the pool can no longer change."))
    quotas_text = _text(quotas_file, quotas_name)
    pool_text = _text(pool_file, pool_name)
    try:
        quotas = core.read_quotas(quotas_text, name=quotas_name)
        pool = core.read_pool(io.StringIO(pool_text.getvalue()), quotas, name=pool_name)
        core.check_panel_size(pool, quotas, panel.panel_size)
    except core.InputError as error:
        raise _refuse(error.problems) from None
    if panel.panel_size + panel.reserve_size > len(pool):
        raise ImportRefusedError(
            _(
                "%(file)s: the pool has %(count)s people, fewer than the panel and its reserve "
                "list (%(needed)s)."
            )
            % {
                "file": pool_name,
                "count": len(pool),
                "needed": panel.panel_size + panel.reserve_size,
            }
        )
    names = _private_columns(pool_text.getvalue(), NAME_COLUMNS)
    emails = [e.lower() for e in _private_columns(pool_text.getvalue(), EMAIL_COLUMNS)]
    accounts = {r.email: r for r in Resident.objects.filter(email__in=[e for e in emails if e])}
    panel.members.all().delete()
    panel.quotas.all().delete()
    Quota.objects.bulk_create(
        Quota(
            panel=panel,
            position=position,
            category=quota.category,
            value=quota.value,
            minimum=quota.min,
            maximum=quota.max,
        )
        for position, quota in enumerate(quotas.items, start=1)
    )
    PoolMember.objects.bulk_create(
        PoolMember(
            panel=panel,
            public_id=public_id,
            values=dict(zip(pool.categories, person.values, strict=True)),
            line=person.line,
            source_id=person.id,
            private_name=names[index] if index < len(names) else "",
            resident=accounts.get(emails[index]) if index < len(emails) else None,
        )
        for index, (person, public_id) in enumerate(
            zip(pool.people, _pseudonyms(len(pool)), strict=True)
        )
    )
    panel.pool_file_name = pool_name[:200]
    panel.quotas_file_name = quotas_name[:200]
    panel.save(update_fields=["pool_file_name", "quotas_file_name"])
    audit.record(
        actor=actor,
        action="sortition.import",
        target=panel,
        reason=ngettext("%(count)s person in the pool.", "%(count)s people in the pool.", len(pool))
        % {"count": len(pool)},
    )
    return panel


@transaction.atomic
def set_quotas(*, panel: Panel, actor: Any, bounds: dict[int, tuple[int, int]]) -> Panel:
    """Change the draft panel's minimums and maximums (quota pk → (min, max)); all or nothing.

    The new quotas are checked by the core as an imported file would be (a minimum above
    its maximum, minimums past the panel size…); any problem raises `ImportRefusedError`.
    """
    _require_agent(actor)
    panel = _locked(panel)
    if panel.status != PanelStatus.DRAFT:
        raise ActionRefusedError(_("The quotas are published: they can no longer change."))
    quotas = list(panel.quotas.order_by("position"))
    if set(bounds) != {q.pk for q in quotas}:
        raise ImportRefusedError(_("The quotas changed meanwhile: reload the page."))
    for quota in quotas:
        quota.minimum, quota.maximum = bounds[quota.pk]
    try:
        checked = core.make_quotas(
            [(q.position + 1, q.category, q.value, q.minimum, q.maximum) for q in quotas],
            source="QUOTAS.csv",
        )
        core.check_panel_size(core_pool(panel, checked), checked, panel.panel_size)
    except core.InputError as error:
        raise _refuse(error.problems) from None
    Quota.objects.bulk_update(quotas, ["minimum", "maximum"])
    audit.record(
        actor=actor,
        action="sortition.quotas",
        target=panel,
        reason="; ".join(f"{q.category}={q.value}: {q.minimum}–{q.maximum}" for q in quotas),
    )
    return panel


@transaction.atomic
def withdraw_quotas(*, panel: Panel, actor: Any, reason: str) -> Withdrawal:
    """Take published quotas back to draft before the draw, with a public reason.

    For when the draw cannot happen as published (a reserve list the scaled quotas rule
    out, a mistake in the pool). The unused seed is revealed with the reason, so anyone
    can check it matched the commitment; publishing again commits to a new seed.
    """
    _require_agent(actor)
    panel = _locked(panel)
    if panel.status != PanelStatus.PUBLISHED:
        raise ActionRefusedError(_("Only published quotas not yet drawn can be withdrawn."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the quotas are withdrawn: the reason is published."))
    withdrawal = Withdrawal.objects.create(
        panel=panel,
        seed_commitment=panel.seed_commitment,
        seed=panel.secret_seed,
        published_at=panel.published_at,
        reason=reason[:PURPOSE_MAX_LENGTH],
    )
    panel.status = PanelStatus.DRAFT
    panel.secret_seed = ""
    panel.seed_commitment = ""
    panel.published_at = None
    panel.save(update_fields=["status", "secret_seed", "seed_commitment", "published_at"])
    audit.record(actor=actor, action="sortition.withdraw", target=panel, reason=reason)
    return withdrawal


# --- The core's view of a panel (what the public downloads) ----------------------------


def core_quotas(panel: Panel) -> core.Quotas:
    """The panel's quotas as the core sees them, in the order of the published file."""
    return core.make_quotas(
        [
            (q.position + 1, q.category, q.value, q.minimum, q.maximum)
            for q in panel.quotas.order_by("position")
        ],
        source="QUOTAS.csv",
    )


def core_pool(panel: Panel, quotas: core.Quotas) -> core.Pool:
    """The panel's pool by pseudonymised id, in the order of the published file."""
    return core.make_pool(
        [
            (line, member.public_id, member.values)
            for line, member in enumerate(panel.members.order_by("public_id"), start=2)
        ],
        quotas,
        source="POOL.csv",
    )


def pool_counts(panel: Panel) -> dict[str, dict[str, int]]:
    """Pool size per category value (published before the draw)."""
    quotas = core_quotas(panel)
    return core_pool(panel, quotas).counts()


@transaction.atomic
def publish_quotas(*, panel: Panel, actor: Any) -> Panel:
    """Publish the quotas, the pool size per category and the commitment of a fresh seed.

    The seed itself stays secret until the draw. Refused when the pool cannot meet the
    quotas (the reason is explained), so that a published draw can always happen.
    """
    _require_agent(actor)
    panel = _locked(panel)
    if panel.status != PanelStatus.DRAFT:
        raise ActionRefusedError(_("The quotas of this panel are already published."))
    if not panel.members.exists():
        raise DrawRefusedError(_("Import the pool and the quotas first."))
    quotas = core_quotas(panel)
    pool = core_pool(panel, quotas)
    try:
        core.check_panel_size(pool, quotas, panel.panel_size)
    except core.InputError as error:
        raise _refuse(error.problems) from None
    reason = core.explain_infeasibility(pool, quotas, panel.panel_size)
    if reason is not None:
        raise _infeasible(reason)
    seed = core.generate_seed()
    panel.secret_seed = seed
    panel.seed_commitment = core.seed_commitment(seed)
    panel.status = PanelStatus.PUBLISHED
    panel.published_at = timezone.now()
    panel.save(update_fields=["secret_seed", "seed_commitment", "status", "published_at"])
    audit.record(
        actor=actor, action="sortition.publish", target=panel, reason=panel.seed_commitment
    )
    return panel


def _infeasible(error: core.InfeasibleQuotasError) -> DrawRefusedError:
    p = error.params
    if "reserve_size" in p:
        lead = _(
            "No reserve list of %(size)s can meet the quotas scaled to it "
            "(categories in conflict: %(categories)s)."
        ) % {"size": p["reserve_size"], "categories": ", ".join(error.categories)}
    else:
        lead = _("No panel can meet these quotas (categories in conflict: %(categories)s).") % {
            "categories": ", ".join(error.categories)
        }
    return DrawRefusedError(f"{lead} {explain_infeasible(error)}")


def explain_infeasible(error: core.InfeasibleQuotasError) -> str:
    """The core's reason why no panel meets the quotas, in the reader's language."""
    p = error.params
    if error.code == "value_short":
        return (
            ngettext(
                "The quotas ask for at least %(min)s person with %(category)s = %(value)s, "
                "but the pool has only %(have)s.",
                "The quotas ask for at least %(min)s people with %(category)s = %(value)s, "
                "but the pool has only %(have)s.",
                p["min"],
            )
            % p
        )
    if error.code == "cannot_fill":
        detail = "; ".join(
            _("%(value)s: at most %(reachable)s (quota maximum %(max)s, %(have)s in the pool)")
            % value
            for value in p["detail"]
        )
        return _(
            "The quotas of %(category)s can fill at most %(reachable)s of the %(panel_size)s "
            "seats with this pool (%(detail)s)."
        ) % (p | {"detail": detail})
    if error.code == "mins_above_size":
        return (
            _(
                "The minimums of %(category)s add up to %(needed)s, "
                "more than the %(panel_size)s seats."
            )
            % p
        )
    sentences = [
        _(
            "The quotas of %(categories)s cannot all be met together by a panel of "
            "%(panel_size)s from this pool, although each category's quotas can be met "
            "on their own."
        )
        % {
            "categories": ", ".join(p.get("categories", error.categories)),
            "panel_size": p.get("panel_size", "?"),
        }
    ]
    for category, items in p.get("ranges", {}).items():
        ranges = ", ".join(f"{q['value']} {q['min']}–{q['max']}" for q in items)
        sentences.append(
            _("Quotas of %(category)s: %(ranges)s.") % {"category": category, "ranges": ranges}
        )
    if p.get("cells"):
        cells = ", ".join(f"{' & '.join(c['values'])}: {c['count']}" for c in p["cells"])
        sentences.append(
            _("Pool members by %(categories)s: %(cells)s.")
            % {"categories": ", ".join(p["categories"]), "cells": cells}
        )
    return " ".join(sentences)


@transaction.atomic
def draw_panel(*, panel: Panel, actor: Any) -> DrawRecord:
    """Run the leximin draw with the committed seed, then reveal the seed with the result."""
    _require_agent(actor)
    panel = _locked(panel)
    if panel.status != PanelStatus.PUBLISHED:
        raise ActionRefusedError(_("Publish the quotas and the seed commitment before drawing."))
    quotas = core_quotas(panel)
    pool = core_pool(panel, quotas)
    try:
        result = core.draw(
            pool,
            quotas,
            panel_size=panel.panel_size,
            seed=panel.secret_seed,
            reserve_size=panel.reserve_size,
        )
    except core.InputError as error:
        raise _refuse(error.problems) from None
    except core.InfeasibleQuotasError as error:
        raise _infeasible(error) from None
    record = DrawRecord.objects.create(
        panel=panel,
        seed=result.seed,
        panel_ids=list(result.panel),
        reserve_ids=list(result.reserves),
        probabilities=result.probabilities,
        reserve_probabilities=result.reserve_probabilities,
        min_probability=result.min_probability,
        solver=result.solver[:100],
        drawn_by=actor if getattr(actor, "pk", None) else None,
    )
    panel.status = PanelStatus.DRAWN
    panel.save(update_fields=["status"])
    audit.record(actor=actor, action="sortition.draw", target=panel, reason=result.seed)
    return record
