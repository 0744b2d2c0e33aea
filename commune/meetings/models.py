"""Meetings of a space (assemblies, workshops, debates) and the people registered to them."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commune.spaces.models import Space


class MeetingKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("General assembly")
    WORKSHOP = "workshop", _("Workshop")
    WORKING_GROUP = "working_group", _("Working-group session")
    PUBLIC_DEBATE = "public_debate", _("Public debate")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible(self) -> MeetingQuerySet:
        """Meetings of published spaces."""
        return self.filter(space__is_published=True)

    def upcoming(self) -> MeetingQuerySet:
        """Meetings not over yet."""
        return self.filter(ends_at__gte=timezone.now())


class Meeting(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("space")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    childcare = models.BooleanField(_("childcare"), default=False)
    sign_language = models.BooleanField(_("sign-language interpreting"), default=False)
    other_language_interpreting = models.CharField(
        _("interpreting into other languages"),
        max_length=200,
        blank=True,
        help_text=_("The languages, e.g. “Arabic, Tamazight”. Leave empty if none."),
    )
    registration_required = models.BooleanField(_("registration required"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    agenda_cutoff = models.DateTimeField(
        _("agenda proposals until"),
        null=True,
        blank=True,
        help_text=_(
            "Residents propose and support agenda items until then. Leave empty for an "
            "agenda set by the city only."
        ),
    )
    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=~Q(place_name="") | ~Q(online_url=""),
                name="meeting_has_a_place_or_a_link",
            ),
            models.CheckConstraint(
                condition=Q(agenda_cutoff__isnull=True) | Q(agenda_cutoff__lte=F("starts_at")),
                name="meeting_agenda_cutoff_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = [_("The meeting must end after it starts.")]
        if not self.place_name.strip() and not self.online_url.strip():
            errors["place_name"] = [_("Give a place, an online link, or both.")]
        if self.agenda_cutoff and self.starts_at and self.agenda_cutoff > self.starts_at:
            errors["agenda_cutoff"] = [
                _("Agenda proposals must close before the meeting starts, or when it starts.")
            ]
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def agenda_open(self) -> bool:
        """Residents may propose and support agenda items now."""
        return (
            self.agenda_cutoff is not None
            and not self.is_cancelled
            and timezone.now() < self.agenda_cutoff
        )

    def has_access_information(self) -> bool:
        return any(
            (
                self.step_free_access,
                self.hearing_loop,
                self.childcare,
                self.sign_language,
                self.other_language_interpreting,
            )
        )


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")


class Registration(models.Model):
    """One person's place at a meeting, or on its waiting list (ordered by created_at)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_registrations",
        verbose_name=_("resident"),
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    # Set when the day-before reminder went out, so a rerun or a second worker skips it.
    reminded_at = models.DateTimeField(_("reminded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "resident"], name="one_registration_per_resident"
            ),
            models.CheckConstraint(
                condition=Q(resident__isnull=False) | ~Q(name=""),
                name="registration_has_a_resident_or_a_name",
            ),
        ]

    def __str__(self) -> str:
        who = self.resident.public_name if self.resident_id else self.name
        return f"{who} — {self.meeting}"


class AttendanceChannel(models.TextChoices):
    REGISTERED_ONLINE = "registered_online", _("Registered online")
    WALK_IN = "walk_in", _("Walk-in")
    PAPER = "paper", _("Paper sign-in sheet")


class Attendance(models.Model):
    """Someone who came to a meeting: a resident, or a signature on the paper sheet."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        verbose_name=_("resident"),
    )
    # Only for paper sign-ins, and only when the signature can be read.
    name = models.CharField(_("name"), max_length=150, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=AttendanceChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "resident"], name="one_attendance_per_resident"
            ),
        ]

    def __str__(self) -> str:
        who = self.resident.public_name if self.resident_id else (self.name or "—")
        return f"{who} — {self.meeting}"


class AgendaItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    KEPT = "kept", _("Kept on the agenda")
    MERGED = "merged", _("Merged")
    SET_ASIDE = "set_aside", _("Set aside")


class AgendaItem(models.Model):
    """A point of a meeting's agenda: proposed by a resident, or fixed by the city."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("proposed by"),
    )
    is_fixed = models.BooleanField(_("set by the city"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AgendaItemStatus.choices,
        default=AgendaItemStatus.PROPOSED,
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_items",
        verbose_name=_("merged into"),
    )
    reason = models.TextField(_("public reason"), blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    # The agent who entered it with the resident present or on the phone (assisted).
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered with help from"),
    )
    created_at = models.DateTimeField(_("proposed on"), default=timezone.now)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["-is_fixed", "-support_count", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="agenda_item_merged_has_a_target",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "kept"]) | ~Q(reason=""),
                name="agenda_item_merge_or_set_aside_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgendaSupport(models.Model):
    """One resident's support for an agenda item: at most one each."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="supports", verbose_name=_("item")
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agenda_supports",
        verbose_name=_("resident"),
    )
    # The agent who entered it with the resident present or on the phone (assisted).
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered with help from"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda support")
        verbose_name_plural = _("agenda supports")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "resident"], name="one_agenda_support_per_resident"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} → {self.item_id}"


def _new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A resident's private calendar link: calendar apps cannot log in, so the URL is the key."""

    resident = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("resident"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_feed_token)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")

    def __str__(self) -> str:
        return str(self.resident)


# --- After the meeting: minutes, votes held in the room, documents ------------------------


class Minutes(models.Model):
    """The record of a meeting, published once it has started; written in Markdown."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    body = models.TextField(_("minutes"))
    body_html = models.TextField(editable=False)
    published_at = models.DateTimeField(_("published on"), default=timezone.now)
    # Who published them: for the audit trail; the page signs with their service.
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    corrected_at = models.DateTimeField(_("last corrected on"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#minutes-title"


class VoteResult(models.TextChoices):
    # With a context: in French a motion's result agrees with "motion" (feminine), and a
    # rejected motion is not worded like a contribution the city did not accept.
    ADOPTED = "adopted", pgettext_lazy("vote result", "Adopted")
    REJECTED = "rejected", pgettext_lazy("vote result", "Rejected")


def vote_result(votes_for: int, votes_against: int) -> VoteResult:
    """A simple majority of the votes cast: abstentions do not count, and a tie rejects."""
    return VoteResult.ADOPTED if votes_for > votes_against else VoteResult.REJECTED


class RoomVote(models.Model):
    """A motion put to the vote of the people in the room, and how they voted."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="votes", verbose_name=_("meeting")
    )
    motion = models.TextField(_("motion"))
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    abstentions = models.PositiveIntegerField(_("abstentions"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name=_("agenda item"),
    )
    decision = models.ForeignKey(
        "accountability.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="room_votes",
        verbose_name=_("decision it produced"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        verbose_name = _("room vote")
        verbose_name_plural = _("room votes")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_for__gte=0) & Q(votes_against__gte=0) & Q(abstentions__gte=0),
                name="room_vote_counts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.motion[:80]

    @property
    def result(self) -> VoteResult:
        return vote_result(self.votes_for, self.votes_against)

    @property
    def votes_cast(self) -> int:
        """For and against: the votes the majority is counted on."""
        return self.votes_for + self.votes_against


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    SLIDES = "slides", _("Slides")
    MINUTES = "minutes", _("Minutes")
    OTHER = "other", _("Other document")


class MeetingDocument(models.Model):
    """A file attached to a meeting, checked like contributions' attachments (PDF, ODT, DOCX)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to="meetings/documents/%Y/%m/")
    # Kept at upload, so a list shows them without opening every file.
    file_format = models.CharField(_("format"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("added on"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title
