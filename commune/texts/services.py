"""Every write on collaborative texts: one function each, checked, audited, in a transaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accountability.models import Decision
from commune.core import audit
from commune.core.markup import render_markdown
from commune.notifications.models import Notification, NotificationKind
from commune.spaces.models import Space
from commune.texts import access
from commune.texts.importing import split_markdown
from commune.texts.models import (
    Amendment,
    AmendmentComment,
    AmendmentKind,
    AmendmentStatus,
    AmendmentVote,
    ArgumentSide,
    Paragraph,
    ParagraphComment,
    Section,
    Stance,
    SynthesisAmendment,
    SynthesisParagraph,
    Text,
    Version,
)

CLOSED = _("This text is closed: it no longer takes comments or amendments.")
NOT_CURRENT = _(
    "This paragraph belongs to an earlier version of the text. Comment on or amend the "
    "current version."
)


@dataclass
class _Draft:
    """A paragraph of a version being built: its wording and the lineage it continues."""

    body: str
    lineage: UUID | None = None


def _check_open(text: Text) -> None:
    if not text.accepts_contributions():
        raise ValidationError(CLOSED, code="closed")


def _check_current(paragraph: Paragraph) -> None:
    current = paragraph.section.version.text.current_version()
    if current is None or paragraph.section.version_id != current.pk:
        raise ValidationError(NOT_CURRENT, code="not_current")


def _build_version(
    *,
    text: Text,
    sections: list[tuple[str, list[_Draft]]],
    actor: Any,
    note: str,
    is_synthesis: bool = False,
    adopted_by: Decision | None = None,
) -> Version:
    if not any(paragraphs for _title, paragraphs in sections):
        raise ValidationError(
            _("The text has no paragraph. Type or import at least one paragraph."),
            code="empty",
        )
    last = text.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = Version.objects.create(
        text=text,
        number=last + 1,
        note=note,
        note_html=render_markdown(note),
        is_synthesis=is_synthesis,
        adopted_by=adopted_by,
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    paragraphs = []
    for section_number, (title, drafts) in enumerate(sections, start=1):
        section = Section.objects.create(version=version, number=section_number, title=title)
        for number, draft in enumerate(drafts, start=1):
            draft.lineage = draft.lineage or uuid4()
            paragraphs.append(
                Paragraph(
                    section=section,
                    number=number,
                    body=draft.body,
                    body_html=render_markdown(draft.body),
                    lineage=draft.lineage,
                )
            )
    Paragraph.objects.bulk_create(paragraphs)
    return version


def _match_lineages(
    previous: Version | None, parsed: list[tuple[str, list[str]]]
) -> list[tuple[str, list[_Draft]]]:
    """Give each new paragraph the lineage of the old one it continues.

    Unchanged paragraphs keep theirs wherever they moved; a changed paragraph continues the
    old one at the same place (§n.m) when that one was not matched already.
    """
    if previous is None:
        return [(title, [_Draft(body) for body in bodies]) for title, bodies in parsed]
    old = list(
        Paragraph.objects.filter(section__version=previous).values_list(
            "section__number", "number", "body", "lineage"
        )
    )
    by_body: dict[str, list[UUID]] = defaultdict(list)
    for _s, _n, body, lineage in old:
        by_body[body.strip()].append(lineage)
    by_place = {(s, n): lineage for s, n, _b, lineage in old}
    used: set[UUID] = set()
    result: list[tuple[str, list[_Draft]]] = []
    for title, bodies in parsed:
        result.append((title, [_Draft(body) for body in bodies]))
    for _title, drafts in result:
        for draft in drafts:
            candidates = [lin for lin in by_body.get(draft.body.strip(), []) if lin not in used]
            if candidates:
                draft.lineage = candidates[0]
                used.add(candidates[0])
    for section_number, (_title, drafts) in enumerate(result, start=1):
        for number, draft in enumerate(drafts, start=1):
            lineage = by_place.get((section_number, number))
            if draft.lineage is None and lineage is not None and lineage not in used:
                draft.lineage = lineage
                used.add(lineage)
    return result


def _parse(source: str) -> list[tuple[str, list[str]]]:
    return [(s.title, s.paragraphs) for s in split_markdown(source)]


@transaction.atomic
def create_text(
    *, space: Space, title: str, introduction: str, source: str, actor: Any, note: str = ""
) -> Text:
    """Create a text in `space` with its version 1, split from Markdown on its headings."""
    if not access.can_manage(actor):
        raise PermissionDenied
    text = Text.objects.create(
        space=space,
        title=title,
        introduction=introduction,
        introduction_html=render_markdown(introduction),
        created_by=actor,
    )
    _build_version(
        text=text, sections=_match_lineages(None, _parse(source)), actor=actor, note=note
    )
    audit.record(actor=actor, action="texts.create", target=text)
    return text


@transaction.atomic
def publish_version(*, text: Text, source: str, note: str, actor: Any) -> Version:
    """Publish a new version typed or imported by staff; paragraphs keep their lineage."""
    if not access.can_manage(actor):
        raise PermissionDenied
    Text.objects.select_for_update().get(pk=text.pk)
    sections = _match_lineages(text.current_version(), _parse(source))
    version = _build_version(text=text, sections=sections, actor=actor, note=note)
    audit.record(actor=actor, action="texts.publish_version", target=version, reason=note)
    return version


@transaction.atomic
def set_open(*, text: Text, is_open: bool, actor: Any) -> Text:
    """Open or close a text for comments and amendments."""
    if not access.can_manage(actor):
        raise PermissionDenied
    text.is_open = is_open
    text.save(update_fields=["is_open"])
    audit.record(actor=actor, action="texts.open" if is_open else "texts.close", target=text)
    return text


# --- Residents: comments, amendments, votes ------------------------------------------------


@transaction.atomic
def comment_paragraph(
    *, paragraph: Paragraph, author: Any, stance: str, body: str, argument_side: str = ""
) -> ParagraphComment:
    """A resident's comment on a paragraph of the current version, with their stance."""
    text = paragraph.section.version.text
    _check_open(text)
    _check_current(paragraph)
    if not body.strip():
        raise ValidationError(_("Write your comment."), code="empty")
    comment = ParagraphComment.objects.create(
        paragraph=paragraph,
        author=author,
        stance=Stance(stance),
        argument_side=ArgumentSide(argument_side) if argument_side else "",
        body=body.strip(),
        body_html=render_markdown(body.strip()),
    )
    return comment


@transaction.atomic
def propose_amendment(
    *, paragraph: Paragraph, author: Any, kind: str, proposed_body: str, justification: str
) -> Amendment:
    """A resident proposes to change, add after, or delete a paragraph, and says why."""
    text = paragraph.section.version.text
    _check_open(text)
    _check_current(paragraph)
    errors: dict[str, Any] = {}
    if not justification.strip():
        errors["justification"] = _("Say why you propose this change: the justification is empty.")
    kind = AmendmentKind(kind)
    proposed_body = proposed_body.strip()
    if kind == AmendmentKind.DELETE:
        proposed_body = ""
    elif not proposed_body:
        errors["proposed_body"] = _("Write the text you propose.")
    elif kind == AmendmentKind.EDIT and proposed_body == paragraph.body.strip():
        errors["proposed_body"] = _("The text you propose is the same as the paragraph.")
    if errors:
        raise ValidationError(errors)
    amendment = Amendment.objects.create(
        text=text,
        paragraph=paragraph,
        kind=kind,
        original_body=paragraph.body,
        proposed_body=proposed_body,
        justification=justification.strip(),
        author=author,
    )
    return amendment


@transaction.atomic
def vote_amendment(*, amendment: Amendment, resident: Any, value: int) -> None:
    """Support (+1), oppose (-1) or withdraw one's vote (0) on an amendment under discussion."""
    _check_open(amendment.text)
    if amendment.is_decided:
        raise ValidationError(_("This amendment has been decided: votes are closed."))
    if value == 0:
        AmendmentVote.objects.filter(amendment=amendment, resident=resident).delete()
        return
    if value not in {AmendmentVote.SUPPORT, AmendmentVote.OPPOSE}:
        raise ValidationError(_("Choose to support or oppose the amendment."))
    AmendmentVote.objects.update_or_create(
        amendment=amendment, resident=resident, defaults={"value": value}
    )


@transaction.atomic
def comment_amendment(*, amendment: Amendment, author: Any, body: str) -> AmendmentComment:
    _check_open(amendment.text)
    if not body.strip():
        raise ValidationError(_("Write your comment."), code="empty")
    return AmendmentComment.objects.create(
        amendment=amendment,
        author=author,
        body=body.strip(),
        body_html=render_markdown(body.strip()),
    )


# --- Moderators and staff -----------------------------------------------------------------


@transaction.atomic
def decide_amendment(
    *, amendment: Amendment, actor: Any, status: str, reason: str, merged_body: str = ""
) -> Amendment:
    """Accept, accept with changes ("merge") or reject an amendment, with a public reason.

    Its author and the residents who supported it are notified once the decision is saved.
    """
    if not access.can_decide(actor):
        raise PermissionDenied
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.is_decided:
        raise ValidationError(_("This amendment has already been decided."), code="decided")
    status = AmendmentStatus(status)
    errors: dict[str, Any] = {}
    if status == AmendmentStatus.PENDING:
        errors["status"] = _("Choose to accept, accept with changes, or reject.")
    if not reason.strip():
        errors["reason"] = _("Give the public reason for this decision.")
    if (
        status == AmendmentStatus.MERGED
        and amendment.kind != AmendmentKind.DELETE
        and not merged_body.strip()
    ):
        errors["merged_body"] = _("Write the wording kept when accepting with changes.")
    if errors:
        raise ValidationError(errors)
    amendment.status = status
    amendment.decision_reason = reason.strip()
    amendment.merged_body = merged_body.strip() if status == AmendmentStatus.MERGED else ""
    amendment.decided_by = actor
    amendment.decided_at = timezone.now()
    amendment.save(
        update_fields=["status", "decision_reason", "merged_body", "decided_by", "decided_at"]
    )
    audit.record(
        actor=actor, action=f"texts.amendment_{status}", target=amendment, reason=reason.strip()
    )
    transaction.on_commit(lambda: notify_amendment_decided(amendment=amendment, actor=actor))
    return amendment


def notify_amendment_decided(*, amendment: Amendment, actor: Any = None) -> list[Notification]:
    """Tell the author and the supporters of an amendment what was decided."""
    audience = set(
        AmendmentVote.objects.filter(
            amendment=amendment, value=AmendmentVote.SUPPORT, resident__is_active=True
        ).values_list("resident_id", flat=True)
    )
    if amendment.author.is_active:
        audience.add(amendment.author_id)
    audience.discard(getattr(actor, "pk", None))
    return Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=pk,
                kind=NotificationKind.AMENDMENT_DECIDED,
                amendment=amendment,
                status=amendment.status,
            )
            for pk in sorted(audience)
        ]
    )


@transaction.atomic
def publish_synthesis(
    *, text: Text, actor: Any, note: str, decision: Decision | None = None
) -> Version:
    """Publish the synthesis: a new version with every decided amendment applied or not.

    It records, for each amendment decided since the last synthesis, its outcome, reason
    and where it landed, and for each paragraph of the previous version its comment counts
    by stance and its number of amendments. Amendments still under discussion stay open.
    """
    if not access.can_manage(actor):
        raise PermissionDenied
    Text.objects.select_for_update().get(pk=text.pk)
    if not note.strip():
        raise ValidationError(
            {"note": _("Write the city's answer: what the synthesis took and why.")}
        )
    previous = text.current_version()
    if previous is None:
        raise ValidationError(_("The text has no version yet."))
    decided = list(
        Amendment.objects.filter(text=text, synthesis_records__isnull=True)
        .exclude(status=AmendmentStatus.PENDING)
        .select_related("paragraph")
        .order_by("decided_at", "pk")
    )
    by_lineage: dict[UUID, list[Amendment]] = defaultdict(list)
    for amendment in decided:
        if amendment.is_taken:
            by_lineage[amendment.paragraph.lineage].append(amendment)

    old_paragraphs = list(
        Paragraph.objects.filter(section__version=previous)
        .select_related("section")
        .annotate(
            agree=Count("comments", filter=Q(comments__stance=Stance.AGREE), distinct=True),
            mixed=Count("comments", filter=Q(comments__stance=Stance.MIXED), distinct=True),
            disagree=Count("comments", filter=Q(comments__stance=Stance.DISAGREE), distinct=True),
            amendment_total=Count("amendments", distinct=True),
        )
        .order_by("section__number", "number")
    )
    # Build the new version's sections, applying the taken amendments paragraph by paragraph.
    sections: list[tuple[str, list[_Draft]]] = []
    section_titles: dict[int, str] = dict(previous.sections.values_list("number", "title"))
    drafts_by_section: dict[int, list[_Draft]] = {n: [] for n in section_titles}
    landed: dict[int, _Draft] = {}  # amendment pk -> the draft it produced or changed
    changed: set[UUID] = set()
    for paragraph in old_paragraphs:
        drafts = drafts_by_section[paragraph.section.number]
        current: _Draft | None = _Draft(paragraph.body, paragraph.lineage)
        drafts.append(current)
        for amendment in by_lineage.get(paragraph.lineage, []):
            if amendment.kind == AmendmentKind.ADD_AFTER:
                added = _Draft(amendment.resulting_body())
                drafts.append(added)
                landed[amendment.pk] = added
            elif amendment.kind == AmendmentKind.DELETE and current is not None:
                drafts.remove(current)
                current = None
                changed.add(paragraph.lineage)
            elif amendment.kind == AmendmentKind.EDIT and current is not None:
                current.body = amendment.resulting_body()
                landed[amendment.pk] = current
                changed.add(paragraph.lineage)
    sections = [(section_titles[n], drafts_by_section[n]) for n in sorted(section_titles)]
    version = _build_version(
        text=text,
        sections=sections,
        actor=actor,
        note=note.strip(),
        is_synthesis=True,
        adopted_by=decision,
    )
    new_refs = {
        lineage: f"§{s}.{n}"
        for lineage, s, n in Paragraph.objects.filter(section__version=version).values_list(
            "lineage", "section__number", "number"
        )
    }
    SynthesisAmendment.objects.bulk_create(
        [
            SynthesisAmendment(
                version=version,
                amendment=amendment,
                status=amendment.status,
                reason=amendment.decision_reason,
                landed_at=(
                    new_refs.get(landed[amendment.pk].lineage, "") if amendment.pk in landed else ""
                ),
            )
            for amendment in decided
        ]
    )
    SynthesisParagraph.objects.bulk_create(
        [
            SynthesisParagraph(
                version=version,
                lineage=p.lineage,
                previous_reference=p.reference,
                new_reference=new_refs.get(p.lineage, ""),
                changed=p.lineage in changed,
                agree=p.agree,
                mixed=p.mixed,
                disagree=p.disagree,
                amendments=p.amendment_total,
            )
            for p in old_paragraphs
        ]
    )
    audit.record(actor=actor, action="texts.publish_synthesis", target=version, reason=note)
    return version


@transaction.atomic
def set_adopting_decision(*, version: Version, decision: Decision | None, actor: Any) -> Version:
    """Link a version to the accountability decision that adopted it."""
    if not access.can_manage(actor):
        raise PermissionDenied
    version.adopted_by = decision
    version.save(update_fields=["adopted_by"])
    audit.record(actor=actor, action="texts.adopted_by", target=version)
    return version
