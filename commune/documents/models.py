"""Published documents: the file, what it is, and the text read out of it at upload."""

from __future__ import annotations

from django.conf import settings
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Left
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.documents import extract

# The part of a document's text PostgreSQL's full-text search reads (see DocumentQuerySet).
SEARCHABLE_CHARS = 200_000


class DocumentType(models.TextChoices):
    COMMITTEE_DOSSIER = "committee_dossier", _("Committee dossier")
    STUDY = "study", _("Study")
    MINUTES = "minutes", _("Minutes")
    REPORT = "report", _("Report")
    DELIBERATION = "deliberation", _("Deliberation")
    OTHER = "other", _("Other document")


class TextStatus(models.TextChoices):
    EXTRACTED = extract.EXTRACTED, _("Text extracted")
    NOT_AVAILABLE = extract.NOT_AVAILABLE, _("Text not available")


class UnavailableReason(models.TextChoices):
    NONE = "", _("—")
    NO_TEXT = extract.NO_TEXT, _("The file holds no text layer (a scanned image, a drawing).")
    ENCRYPTED = extract.ENCRYPTED, _("The file is protected by a password.")
    UNREADABLE_CONTENT = (
        extract.UNREADABLE_CONTENT,
        _("The file opens but its pages could not be read."),
    )


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    ODT = "odt", "ODT"
    DOCX = "docx", "DOCX"


class DocumentQuerySet(models.QuerySet["Document"]):
    def visible(self) -> DocumentQuerySet:
        """Documents the public sees: not withdrawn, city-wide or in a published space."""
        return self.filter(withdrawn_at__isnull=True).filter(
            Q(space__isnull=True) | Q(space__is_published=True)
        )

    def search(self, text: str) -> DocumentQuerySet:
        """Documents whose title or extracted text match `text`.

        The same approach as contributions (decision 0008): on PostgreSQL, full-text search
        with French and English stemming computed at query time, plus a substring match
        on the title; elsewhere (SQLite) a case-insensitive substring match.
        """
        text = text.strip()
        if not text:
            return self
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            # PostgreSQL refuses a tsvector over 1 MB, which the two vectors of a long text
            # full of distinct words (a badly encoded PDF) can reach: only the beginning of
            # the text is indexed (about 80 dense pages).
            text_start = Left("extracted_text", SEARCHABLE_CHARS)
            vector = (
                SearchVector("title", weight="A", config="french")
                + SearchVector(text_start, weight="B", config="french")
                + SearchVector("title", text_start, config="english")
            )
            query = SearchQuery(text, config="french", search_type="websearch") | SearchQuery(
                text, config="english", search_type="websearch"
            )
            return self.annotate(search_document=vector).filter(
                Q(search_document=query) | Q(title__icontains=text)
            )
        return self.filter(Q(title__icontains=text) | Q(extracted_text__icontains=text))


class Document(models.Model):
    """A file the city publishes, with the text read from it when it was uploaded."""

    title = models.CharField(_("title"), max_length=200)
    document_type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices)
    # A council is a space, so this covers committees; empty for a city-wide document.
    space = models.ForeignKey(
        "spaces.Space",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("space or committee"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_documents",
        verbose_name=_("meeting"),
    )
    document_date = models.DateField(_("date of the document"))
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    file_format = models.CharField(_("format"), max_length=10, choices=FileFormat.choices)
    original_filename = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True)
    text_status = models.CharField(_("text"), max_length=20, choices=TextStatus.choices)
    text_unavailable_reason = models.CharField(
        _("why the text is not available"),
        max_length=30,
        choices=UnavailableReason.choices,
        blank=True,
    )
    # Who uploaded it, for the audit trail only: pages show the city's service instead.
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published on"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-document_date", "-id"]
        indexes = [models.Index(fields=["-document_date", "-id"], name="document_date_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"pk": self.pk})

    @property
    def has_text(self) -> bool:
        return self.text_status == TextStatus.EXTRACTED
