"""Wiki pages of a space and their revisions (every edit is kept; nothing is overwritten)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commune.spaces.models import Space

TITLE_MAX_LENGTH = 150
SUMMARY_MAX_LENGTH = 300
BODY_MAX_LENGTH = 100_000
REASON_MAX_LENGTH = 500


class WikiPageQuerySet(models.QuerySet["WikiPage"]):
    def visible(self) -> WikiPageQuerySet:
        """Pages of published spaces."""
        return self.filter(space__is_published=True)


class WikiPage(models.Model):
    """A page of a space's wiki. Its text lives in its revisions; the newest is current.

    The slug (from the title) is the page's identity in its space: two titles that give the
    same slug ("Jardins partagés" and "jardins partages") are the same page, so links
    written `[[jardins partagés]]` find it.
    """

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="wiki_pages", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=TITLE_MAX_LENGTH)
    # The newest revision, kept here so the page index needs no subquery.
    current_revision = models.OneToOneField(
        "Revision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current revision"),
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    lock_reason = models.CharField(
        _("reason of the lock"), max_length=REASON_MAX_LENGTH, blank=True
    )
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locked by"),
    )
    locked_at = models.DateTimeField(_("locked on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    objects = WikiPageQuerySet.as_manager()

    class Meta:
        ordering = ["space", "title"]
        verbose_name = _("wiki page")
        verbose_name_plural = _("wiki pages")
        constraints = [
            models.UniqueConstraint(fields=["space", "slug"], name="one_wiki_page_per_slug"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("wiki:page", kwargs={"space_slug": self.space.slug, "page_slug": self.slug})


class Revision(models.Model):
    """One state of a page's text, with who wrote it, when, and the summary they gave."""

    page = models.ForeignKey(
        WikiPage, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("page")
    )
    number = models.PositiveIntegerField(_("number"))
    body = models.TextField(_("text (Markdown)"), max_length=BODY_MAX_LENGTH)
    summary = models.CharField(_("edit summary"), max_length=SUMMARY_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wiki_revisions",
        verbose_name=_("author"),
    )
    # Set when this revision brings back the text of an earlier one.
    reverted_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("text brought back from"),
    )
    created_at = models.DateTimeField(_("written on"), auto_now_add=True)

    class Meta:
        ordering = ["page", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="one_wiki_revision_number"),
        ]

    def __str__(self) -> str:
        return f"{self.page} — {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "wiki:revision",
            kwargs={
                "space_slug": self.page.space.slug,
                "page_slug": self.page.slug,
                "number": self.number,
            },
        )

    @property
    def author_name(self) -> str:
        return self.author.public_name if self.author else str(_("Deleted account"))
