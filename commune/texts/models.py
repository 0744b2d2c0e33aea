"""Collaborative texts: versions split into sections and paragraphs (§n.m), paragraph
comments with a stance, amendments with supports and a moderator's decision, syntheses."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.spaces.models import Space, SpaceStatus


class TextQuerySet(models.QuerySet["Text"]):
    def visible(self) -> TextQuerySet:
        """Texts of published spaces that have at least one version."""
        return self.filter(space__is_published=True, versions__isnull=False).distinct()


class Text(models.Model):
    """A collaborative document of a space (e.g. the charter); its content is in versions."""

    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="texts", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    introduction_html = models.TextField(editable=False, blank=True)
    # Staff close a text when the amendment phase is over; its space closing closes it too.
    is_open = models.BooleanField(_("open for comments and amendments"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = TextQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("text")
        verbose_name_plural = _("texts")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("texts:detail", kwargs={"pk": self.pk})

    def accepts_contributions(self) -> bool:
        """Comments and amendments are taken while the text and its space are open."""
        return self.is_open and self.space.status() == SpaceStatus.OPEN

    def current_version(self) -> Version | None:
        return self.versions.order_by("-number").first()


class Version(models.Model):
    """One published state of a text; every version is kept, numbered from 1."""

    text = models.ForeignKey(
        Text, on_delete=models.CASCADE, related_name="versions", verbose_name=_("text")
    )
    number = models.PositiveIntegerField(_("number"))
    # What changed and why, in the city's words; for a synthesis, the city's answer.
    note = models.TextField(_("note"), blank=True)
    note_html = models.TextField(editable=False, blank=True)
    is_synthesis = models.BooleanField(_("synthesis"), default=False)
    adopted_by = models.ForeignKey(
        "accountability.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="text_versions",
        verbose_name=_("adopted by the decision"),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["text", "number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="text_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.text.title} — v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("texts:version", kwargs={"pk": self.text_id, "number": self.number})


class Section(models.Model):
    """A part of a version, under a heading; numbered from 1 within the version."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300, blank=True)

    class Meta:
        ordering = ["version", "number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="text_section_number")
        ]

    def __str__(self) -> str:
        return f"§{self.number} {self.title}".strip()


class Paragraph(models.Model):
    """A paragraph of a section, cited as §section.paragraph (e.g. §4.2).

    `lineage` is shared by a paragraph and its successors in later versions, so comments,
    amendments and conflicts follow a paragraph across versions.
    """

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveIntegerField(_("number"))
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False)
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True)

    class Meta:
        ordering = ["section__number", "number"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="text_paragraph_number")
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse(
            "texts:paragraph",
            kwargs={"pk": self.section.version.text_id, "paragraph_pk": self.pk},
        )

    @property
    def reference(self) -> str:
        return f"§{self.section.number}.{self.number}"


class Stance(models.TextChoices):
    AGREE = "agree", _("I agree")
    MIXED = "mixed", _("Mixed")
    DISAGREE = "disagree", _("I disagree")


class ArgumentSide(models.TextChoices):
    FOR = "for", _("An argument for")
    AGAINST = "against", _("An argument against")


class ParagraphComment(models.Model):
    """A resident's comment on a paragraph, with their stance and an optional argument."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="paragraph_comments"
    )
    stance = models.CharField(_("your stance"), max_length=10, choices=Stance.choices)
    argument_side = models.CharField(
        _("argument"), max_length=10, choices=ArgumentSide.choices, blank=True
    )
    body = models.TextField(_("comment"))
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("paragraph comment")
        verbose_name_plural = _("paragraph comments")

    def __str__(self) -> str:
        return f"{self.paragraph_id}: {self.stance}"


class AmendmentKind(models.TextChoices):
    EDIT = "edit", _("Change the paragraph")
    ADD_AFTER = "add_after", _("Add a paragraph after it")
    DELETE = "delete", _("Delete the paragraph")


class AmendmentStatus(models.TextChoices):
    PENDING = "pending", _("Under discussion")
    ACCEPTED = "accepted", _("Accepted")
    MERGED = "merged", _("Accepted with changes")
    REJECTED = "rejected", _("Rejected")


class Amendment(models.Model):
    """A proposed change to one paragraph, with its justification and the decision on it."""

    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="amendments")
    # The paragraph as it stood in the version the amendment was written against.
    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="amendments")
    kind = models.CharField(_("change"), max_length=10, choices=AmendmentKind.choices)
    original_body = models.TextField(editable=False)
    proposed_body = models.TextField(_("proposed text"), blank=True)
    justification = models.TextField(_("justification"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="amendments"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.PENDING,
        db_index=True,
    )
    # "Accepted with changes": the wording the moderator keeps.
    merged_body = models.TextField(_("text kept"), blank=True)
    decision_reason = models.TextField(_("public reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"#{self.pk} {self.paragraph.reference}"

    def get_absolute_url(self) -> str:
        return reverse("texts:amendment", kwargs={"pk": self.text_id, "amendment_pk": self.pk})

    @property
    def is_decided(self) -> bool:
        return self.status != AmendmentStatus.PENDING

    @property
    def is_taken(self) -> bool:
        return self.status in {AmendmentStatus.ACCEPTED, AmendmentStatus.MERGED}

    def resulting_body(self) -> str:
        """The paragraph's wording once this amendment applies ("" when it deletes it)."""
        if self.kind == AmendmentKind.DELETE:
            return ""
        if self.status == AmendmentStatus.MERGED and self.merged_body:
            return self.merged_body
        return self.proposed_body


class AmendmentVote(models.Model):
    """A resident supports (+1) or opposes (-1) an amendment; one vote each, changeable."""

    SUPPORT = 1
    OPPOSE = -1

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="votes")
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="amendment_votes"
    )
    value = models.SmallIntegerField(choices=[(1, _("Support")), (-1, _("Oppose"))])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("amendment vote")
        verbose_name_plural = _("amendment votes")
        constraints = [
            models.UniqueConstraint(fields=["amendment", "resident"], name="one_amendment_vote")
        ]

    def __str__(self) -> str:
        return f"{self.amendment_id}: {self.value}"


class AmendmentComment(models.Model):
    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="amendment_comments"
    )
    body = models.TextField(_("comment"))
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("amendment comment")
        verbose_name_plural = _("amendment comments")

    def __str__(self) -> str:
        return f"{self.amendment_id}: {self.pk}"


class SynthesisAmendment(models.Model):
    """How a synthesis version took one amendment, recorded when it was published."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="amendment_records")
    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, related_name="synthesis_records"
    )
    status = models.CharField(_("outcome"), max_length=10, choices=AmendmentStatus.choices)
    reason = models.TextField(_("public reason"), blank=True)
    # Where it landed in the new version ("§5.2"), or "" when it was not taken.
    landed_at = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["version", "amendment__created_at", "amendment_id"]
        verbose_name = _("amendment in a synthesis")
        verbose_name_plural = _("amendments in a synthesis")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "amendment"], name="one_record_per_amendment"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version_id}: {self.amendment_id} {self.status}"


class SynthesisParagraph(models.Model):
    """For a synthesis version, the comments on one paragraph of the previous version."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="paragraph_records")
    lineage = models.UUIDField()
    previous_reference = models.CharField(max_length=20)
    # The reference in the new version ("" when the paragraph was deleted).
    new_reference = models.CharField(max_length=20, blank=True)
    changed = models.BooleanField(default=False)
    agree = models.PositiveIntegerField(default=0)
    mixed = models.PositiveIntegerField(default=0)
    disagree = models.PositiveIntegerField(default=0)
    amendments = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "id"]
        verbose_name = _("paragraph in a synthesis")
        verbose_name_plural = _("paragraphs in a synthesis")

    def __str__(self) -> str:
        return f"v{self.version_id}: {self.previous_reference}"

    @property
    def comments(self) -> int:
        return self.agree + self.mixed + self.disagree
