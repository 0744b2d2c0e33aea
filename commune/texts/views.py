"""Pages of the collaborative texts: reading, comparing, commenting, amending, synthesis."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from commune.core.exports import csv_download
from commune.texts import access, export, services
from commune.texts.diff import side_by_side
from commune.texts.forms import (
    AmendmentCommentForm,
    AmendmentForm,
    CommentForm,
    CompareForm,
    DecideForm,
    SynthesisForm,
    TextForm,
    VersionForm,
)
from commune.texts.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    AmendmentVote,
    Paragraph,
    ParagraphComment,
    Text,
    Version,
)

WRITE_RATE = "10/m"
VOTE_RATE = "30/m"
STAFF_RATE = "30/m"
PAGE_SIZE = 30


def _limit(rate: str) -> Any:
    return ratelimit(key="user_or_ip", rate=rate, method="POST", block=True)


def _apply_errors(form: Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on its fields when it names them, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Lists ------------------------------------------------------------------------------------


@require_safe
def text_list(request: HttpRequest) -> HttpResponse:
    """Every text of the city, most recent first."""
    texts = (
        access.visible_texts(request.user)
        .select_related("space")
        .annotate(version_count=Count("versions", distinct=True))
        .order_by("-created_at", "-pk")
    )
    page = Paginator(texts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "texts/text_list.html", {"page": page, "space": None})


@require_safe
def space_texts(request: HttpRequest, space_slug: str) -> HttpResponse:
    space = access.get_text_space(request.user, space_slug)
    texts = (
        access.visible_texts(request.user)
        .filter(space=space)
        .select_related("space")
        .annotate(version_count=Count("versions", distinct=True))
        .order_by("-created_at", "-pk")
    )
    page = Paginator(texts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "texts/text_list.html",
        {"page": page, "space": space, "can_manage": access.can_manage(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(STAFF_RATE)
def new_text(request: HttpRequest, space_slug: str) -> HttpResponse:
    """Agents create a text by typing it or importing a Markdown, .odt or .docx file."""
    space = access.get_text_space(request.user, space_slug)
    if not access.can_manage(request.user):
        raise PermissionDenied
    form = TextForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            text = services.create_text(
                space=space,
                title=data["title"],
                introduction=data["introduction"],
                source=data["source"],
                actor=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The text is published as version 1."))
            return redirect(text)
    return render(request, "texts/text_form.html", {"form": form, "space": space, "text": None})


# --- Reading ------------------------------------------------------------------------------


def _version_page(request: HttpRequest, text: Text, version: Version) -> HttpResponse:
    current = text.current_version()
    paragraphs = access.paragraphs_of(version)
    sections: list[dict[str, Any]] = []
    for paragraph in paragraphs:
        if not sections or sections[-1]["section"].pk != paragraph.section_id:
            sections.append({"section": paragraph.section, "paragraphs": []})
        sections[-1]["paragraphs"].append(paragraph)
    # Sections without a paragraph still show their heading.
    empty = version.sections.exclude(paragraphs__isnull=False)
    for section in empty:
        sections.append({"section": section, "paragraphs": []})
    sections.sort(key=lambda entry: entry["section"].number)
    return render(
        request,
        "texts/text_detail.html",
        {
            "text": text,
            "version": version,
            "is_current": current is not None and current.pk == version.pk,
            "current": current,
            "sections": sections,
            "versions": list(text.versions.order_by("-number")),
            "can_take_part": access.can_take_part(text, request.user),
            "can_manage": access.can_manage(request.user),
            "pending_count": text.amendments.filter(status=AmendmentStatus.PENDING).count(),
        },
    )


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The current version of a text, with the comment and amendment counts in the margin."""
    text = access.get_visible_text(request.user, pk)
    return _version_page(request, text, access.get_version(text))


@require_safe
def version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    text = access.get_visible_text(request.user, pk)
    return _version_page(request, text, access.get_version(text, number))


@require_safe
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every version of the text, with what changed and links to compare them."""
    text = access.get_visible_text(request.user, pk)
    versions = list(
        text.versions.select_related("adopted_by")
        .annotate(paragraph_count=Count("sections__paragraphs"))
        .order_by("-number")
    )
    return render(request, "texts/history.html", {"text": text, "versions": versions})


@require_safe
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side, paragraph by paragraph, with word-level differences."""
    text = access.get_visible_text(request.user, pk)
    numbers = list(text.versions.order_by("number").values_list("number", flat=True))
    initial = {"old": numbers[-2] if len(numbers) > 1 else numbers[0], "new": numbers[-1]}
    form = CompareForm(request.GET or initial, numbers=numbers)
    rows: list[dict[str, Any]] = []
    old_version = new_version = None
    if form.is_valid():
        old_version = access.get_version(text, form.cleaned_data["old"])
        new_version = access.get_version(text, form.cleaned_data["new"])
        rows = _comparison(old_version, new_version)
    return render(
        request,
        "texts/compare.html",
        {
            "text": text,
            "form": form,
            "rows": rows,
            "old_version": old_version,
            "new_version": new_version,
            "changed_count": sum(1 for row in rows if row["state"] != "same"),
        },
    )


def _comparison(old_version: Version, new_version: Version) -> list[dict[str, Any]]:
    """Rows pairing each paragraph with its successor (same lineage) in the other version."""
    old = list(Paragraph.objects.filter(section__version=old_version).select_related("section"))
    new = list(Paragraph.objects.filter(section__version=new_version).select_related("section"))
    old_by_lineage = {p.lineage: p for p in old}
    new_lineages = {p.lineage for p in new}
    rows: list[dict[str, Any]] = []
    removed = [p for p in old if p.lineage not in new_lineages]
    for paragraph in new:
        before = old_by_lineage.get(paragraph.lineage)
        if before is None:
            rows.append(
                {"state": "added", "old": None, "new": paragraph, "old_html": "", "new_html": ""}
            )
            rows[-1]["new_html"] = side_by_side("", paragraph.body)[1]
            continue
        old_html, new_html = side_by_side(before.body, paragraph.body)
        state = "same" if before.body == paragraph.body else "changed"
        rows.append(
            {
                "state": state,
                "old": before,
                "new": paragraph,
                "old_html": old_html,
                "new_html": new_html,
            }
        )
    for paragraph in removed:
        rows.append(
            {
                "state": "removed",
                "old": paragraph,
                "new": None,
                "old_html": side_by_side(paragraph.body, "")[0],
                "new_html": "",
            }
        )
    return rows


@require_safe
def debated(request: HttpRequest, pk: int) -> HttpResponse:
    """The current version's paragraphs with the most comments and amendments."""
    text = access.get_visible_text(request.user, pk)
    current = access.get_version(text)
    return render(
        request,
        "texts/debated.html",
        {"text": text, "version": current, "paragraphs": access.most_debated(current)},
    )


# --- Paragraph comments and amendments --------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@_limit(WRITE_RATE)
def paragraph(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    """A paragraph, its comments and amendments, and the form to comment on it."""
    text = access.get_visible_text(request.user, pk)
    target = access.get_paragraph(text, paragraph_pk)
    can_take_part = access.can_take_part(text, request.user)
    is_current = target.section.version_id == getattr(text.current_version(), "pk", None)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.comment_paragraph(
                    paragraph=target,
                    author=request.user,
                    stance=data["stance"],
                    argument_side=data["argument_side"],
                    body=data["body"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Your comment is published."))
                return redirect(f"{target.get_absolute_url()}#comments")
    comments = ParagraphComment.objects.filter(paragraph=target).select_related("author")
    amendments = access.with_conflicts(
        text,
        Amendment.objects.filter(paragraph__lineage=target.lineage, text=text)
        .select_related("paragraph__section", "author")
        .annotate(**_vote_counts()),
    )
    counts = dict.fromkeys(("agree", "mixed", "disagree"), 0)
    for comment in comments:
        counts[comment.stance] += 1
    return render(
        request,
        "texts/paragraph.html",
        {
            "text": text,
            "paragraph": target,
            "version": target.section.version,
            "is_current": is_current,
            "comments": comments,
            "counts": counts,
            "amendments": amendments,
            "form": form,
            "can_take_part": can_take_part and is_current,
        },
    )


def _login_url() -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


def _vote_counts() -> dict[str, Any]:
    return {
        "support_count": Count("votes", filter=Q(votes__value=AmendmentVote.SUPPORT)),
        "oppose_count": Count("votes", filter=Q(votes__value=AmendmentVote.OPPOSE)),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(WRITE_RATE)
def amend(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    """Propose an amendment to a paragraph: change it, add one after it, or delete it."""
    text = access.get_visible_text(request.user, pk)
    target = access.get_paragraph(text, paragraph_pk)
    form = AmendmentForm(request.POST or None, initial={"proposed_body": target.body})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            amendment = services.propose_amendment(
                paragraph=target,
                author=request.user,
                kind=data["kind"],
                proposed_body=data["proposed_body"],
                justification=data["justification"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your amendment is published. Here is how it reads."))
            return redirect(amendment)
    return render(
        request,
        "texts/amend.html",
        {
            "text": text,
            "paragraph": target,
            "form": form,
            "can_take_part": access.can_take_part(text, request.user),
        },
    )


@require_safe
def amendments(request: HttpRequest, pk: int) -> HttpResponse:
    """Every amendment of the text, filtered by status, with its votes and any conflict."""
    text = access.get_visible_text(request.user, pk)
    status = request.GET.get("status", "")
    found = (
        Amendment.objects.filter(text=text)
        .select_related("paragraph__section__version", "author")
        .annotate(**_vote_counts())
        .order_by(
            "paragraph__section__version__number",
            "paragraph__section__number",
            "paragraph__number",
            "created_at",
            "pk",
        )
    )
    if status in AmendmentStatus.values:
        found = found.filter(status=status)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = access.with_conflicts(text, page.object_list)
    return render(
        request,
        "texts/amendment_list.html",
        {
            "text": text,
            "page": page,
            "status": status,
            "statuses": AmendmentStatus.choices,
            "filter_query": f"status={status}" if status else "",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@_limit(WRITE_RATE)
def amendment(request: HttpRequest, pk: int, amendment_pk: int) -> HttpResponse:
    """An amendment shown as a diff, with its votes, comments and the decision on it."""
    text = access.get_visible_text(request.user, pk)
    found = access.get_amendment(text, amendment_pk)
    form = AmendmentCommentForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        if form.is_valid():
            try:
                services.comment_amendment(
                    amendment=found, author=request.user, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Your comment is published."))
                return redirect(f"{found.get_absolute_url()}#comments")
    votes = found.votes.aggregate(**_vote_counts_plain())
    my_vote = (
        found.votes.filter(resident=request.user).values_list("value", flat=True).first()
        if request.user.is_authenticated
        else None
    )
    before, after = found.original_body, found.proposed_body
    if found.kind == AmendmentKind.ADD_AFTER:
        before = ""  # a new paragraph: everything in it is added
    old_html, new_html = side_by_side(before, after)
    merged = side_by_side(found.original_body, found.merged_body) if found.merged_body else None
    records = list(found.synthesis_records.select_related("version"))
    return render(
        request,
        "texts/amendment_detail.html",
        {
            "text": text,
            "amendment": access.with_conflicts(text, [found])[0],
            "old_html": old_html,
            "new_html": new_html,
            "merged": merged,
            "votes": votes,
            "my_vote": my_vote,
            "comments": found.comments.select_related("author"),
            "form": form,
            "records": records,
            "can_take_part": access.can_take_part(text, request.user) and not found.is_decided,
            "can_comment": access.can_take_part(text, request.user),
            "can_decide": access.can_decide(request.user) and not found.is_decided,
        },
    )


def _vote_counts_plain() -> dict[str, Any]:
    return {
        "support": Count("pk", filter=Q(value=AmendmentVote.SUPPORT)),
        "oppose": Count("pk", filter=Q(value=AmendmentVote.OPPOSE)),
    }


@login_required
@require_POST
@_limit(VOTE_RATE)
def vote(request: HttpRequest, pk: int, amendment_pk: int) -> HttpResponse:
    """Support, oppose, or withdraw one's vote on an amendment (a plain form POST)."""
    text = access.get_visible_text(request.user, pk)
    found = access.get_amendment(text, amendment_pk)
    try:
        value = int(request.POST.get("value", ""))
    except ValueError:
        value = 99
    try:
        services.vote_amendment(amendment=found, resident=request.user, value=value)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            {
                AmendmentVote.SUPPORT: _("You support this amendment."),
                AmendmentVote.OPPOSE: _("You oppose this amendment."),
            }.get(value, _("Your vote is withdrawn.")),
        )
    return redirect(f"{found.get_absolute_url()}#votes")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(STAFF_RATE)
def decide(request: HttpRequest, pk: int, amendment_pk: int) -> HttpResponse:
    """Moderators accept, accept with changes, or reject an amendment with a public reason."""
    text = access.get_visible_text(request.user, pk)
    found = access.get_amendment(text, amendment_pk)
    if not access.can_decide(request.user):
        raise PermissionDenied
    form = DecideForm(request.POST or None, initial={"merged_body": found.proposed_body})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_amendment(
                amendment=found,
                actor=request.user,
                status=data["status"],
                reason=data["reason"],
                merged_body=data["merged_body"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The decision is published; the author is notified."))
            return redirect(found)
    old_html, new_html = side_by_side(found.original_body, found.resulting_body())
    return render(
        request,
        "texts/decide.html",
        {
            "text": text,
            "amendment": found,
            "form": form,
            "old_html": old_html,
            "new_html": new_html,
        },
    )


# --- Staff: new versions and the synthesis ----------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(STAFF_RATE)
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    """Agents publish a new version, typed or imported; paragraphs keep their history."""
    text = access.get_visible_text(request.user, pk)
    if not access.can_manage(request.user):
        raise PermissionDenied
    current = access.get_version(text)
    form = VersionForm(
        request.POST or None,
        request.FILES or None,
        initial={"source": export.markdown_body(current)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.publish_version(
                text=text,
                source=form.cleaned_data["source"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("Version %(number)s is published.") % {"number": created.number}
            )
            return redirect(created)
    return render(
        request, "texts/text_form.html", {"form": form, "space": text.space, "text": text}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@_limit(STAFF_RATE)
def synthesize(request: HttpRequest, pk: int) -> HttpResponse:
    """Agents publish the synthesis: a new version applying the accepted amendments."""
    text = access.get_visible_text(request.user, pk)
    if not access.can_manage(request.user):
        raise PermissionDenied
    form = SynthesisForm(request.POST or None, space=text.space)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.publish_synthesis(
                text=text,
                actor=request.user,
                note=form.cleaned_data["note"],
                decision=form.cleaned_data["decision"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The synthesis is published."))
            return redirect("texts:synthesis", pk=text.pk, number=created.number)
    decided = access.with_conflicts(
        text,
        Amendment.objects.filter(text=text, synthesis_records__isnull=True)
        .select_related("paragraph__section")
        .order_by("status", "pk"),
    )
    return render(
        request,
        "texts/synthesize.html",
        {
            "text": text,
            "form": form,
            "decided": [a for a in decided if a.is_decided],
            "pending": [a for a in decided if not a.is_decided],
        },
    )


@require_safe
def synthesis(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The city's answer: for each amendment whether and how it was taken, and the comments."""
    text = access.get_visible_text(request.user, pk)
    found = access.get_version(text, number)
    if not found.is_synthesis:
        return redirect(found)
    records = list(
        found.amendment_records.select_related("amendment__paragraph__section", "amendment__author")
    )
    taken = [r for r in records if r.status in {AmendmentStatus.ACCEPTED, AmendmentStatus.MERGED}]
    return render(
        request,
        "texts/synthesis.html",
        {
            "text": text,
            "version": found,
            "taken": taken,
            "rejected": [r for r in records if r.status == AmendmentStatus.REJECTED],
            "paragraph_records": list(found.paragraph_records.all()),
            "previous_number": found.number - 1,
        },
    )


@login_required
@require_POST
@_limit(STAFF_RATE)
def set_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Agents open or close the text for comments and amendments."""
    text = access.get_visible_text(request.user, pk)
    if not access.can_manage(request.user):
        raise PermissionDenied
    services.set_open(text=text, is_open=request.POST.get("open") == "1", actor=request.user)
    messages.success(
        request,
        _("The text is open for comments and amendments.")
        if text.is_open
        else _("The text is closed to comments and amendments."),
    )
    return redirect(text)


# --- Exports --------------------------------------------------------------------------------


@require_safe
def export_version(request: HttpRequest, pk: int, number: int, fmt: str) -> HttpResponse:
    """A version as Markdown, HTML or PDF, with the text's history."""
    text = access.get_visible_text(request.user, pk)
    found = access.get_version(text, number)
    return export.response(request, text, found, fmt)


@require_safe
def comments_export(request: HttpRequest, pk: int) -> Any:
    """Every paragraph comment of the text as CSV (names as shown in the site, no e-mail)."""
    text = access.get_visible_text(request.user, pk)
    comments = (
        ParagraphComment.objects.filter(paragraph__section__version__text=text)
        .select_related("paragraph__section__version", "author")
        .order_by("created_at", "pk")
    )
    header = [
        _("Version"),
        _("Paragraph"),
        _("Stance"),
        _("Argument"),
        _("Comment"),
        _("Author"),
        _("Date"),
    ]
    rows = (
        [
            c.paragraph.section.version.number,
            c.paragraph.reference,
            c.get_stance_display(),
            c.get_argument_side_display(),
            c.body,
            c.author.public_name,
            c.created_at.date().isoformat(),
        ]
        for c in comments.iterator(chunk_size=500)
    )
    return csv_download(f"texte-{text.pk}-commentaires.csv", header, rows)


@require_safe
def amendments_export(request: HttpRequest, pk: int) -> Any:
    """Every amendment of the text as CSV, with its votes and decision."""
    text = access.get_visible_text(request.user, pk)
    found = (
        Amendment.objects.filter(text=text)
        .select_related("paragraph__section__version", "author")
        .annotate(**_vote_counts())
        .order_by("created_at", "pk")
    )
    header = [
        _("Number"),
        _("Version"),
        _("Paragraph"),
        _("Change"),
        _("Original text"),
        _("Proposed text"),
        _("Justification"),
        _("Author"),
        _("Date"),
        _("Supports"),
        _("Oppositions"),
        _("Status"),
        _("Public reason"),
        _("Text kept"),
    ]
    rows = (
        [
            a.pk,
            a.paragraph.section.version.number,
            a.paragraph.reference,
            a.get_kind_display(),
            a.original_body,
            a.proposed_body,
            a.justification,
            a.author.public_name,
            a.created_at.date().isoformat(),
            a.support_count,
            a.oppose_count,
            a.get_status_display(),
            a.decision_reason,
            a.merged_body,
        ]
        for a in found
    )
    return csv_download(f"texte-{text.pk}-amendements.csv", header, rows)
