"""Persons of a municipality's bodies and the legal record of who took part in a meeting.

Names, parties and roles of elected members are public; a person's e-mail address and user account
never are (they are kept for notifications and for signing)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from protokol.common.models import TimeStamped
from protokol.meetings.models import AgendaItem, Body, Meeting, Organization
from protokol.people.enums import AttendanceStatus, ItemAbsenceKind, MembershipRole, VoteChoice, VoteResult


class Party(TimeStamped):
    """A party or electoral list, known by its letter (A, C, V, Ø …) within one organisation."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="parties")
    letter = models.CharField(_("listebogstav"), max_length=8)
    name = models.CharField(_("navn"), max_length=200)

    class Meta:
        ordering = ["organization", "letter"]
        verbose_name = _("parti")
        verbose_name_plural = _("partier")
        constraints = [
            models.UniqueConstraint(fields=["organization", "letter"], name="party_letter_per_organization")
        ]

    def __str__(self) -> str:
        return f"{self.letter} – {self.name}"


class Person(TimeStamped):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="persons")
    name = models.CharField(_("navn"), max_length=200)
    party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("parti"),
    )
    # Kept for signing and notifications; never public.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("brugerkonto"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    # What an extra participant without a vote is there as ("Kommunaldirektør", "Sagsbehandler").
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    # The identity provider's stable identifier (the `sub` claim) of the person's login: single sign-on
    # finds the person by it, never by name (people.accounts).
    login_subject = models.CharField(
        _("login-id hos identitetsudbyderen"),
        max_length=255,
        blank=True,
        help_text=_("Identitetsudbyderens faste id for personens login (OpenID Connect-claimet sub)."),
    )

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        indexes = [models.Index(fields=["organization", "name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["login_subject"], condition=~Q(login_subject=""), name="person_login_subject_unique"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name as minutes print it: "Jesper Mathiesen (A)"."""
        return f"{self.name} ({self.party.letter})" if self.party_id and self.party else self.name


class Membership(TimeStamped):
    """A person's seat (or place as deputy) in a body, for a period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    role = models.CharField(
        _("rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    voting_right = models.BooleanField(_("stemmeret"), default=True)
    start_date = models.DateField(_("fra"))
    end_date = models.DateField(_("til"), null=True, blank=True)
    # A deputy's place on the list of the party's deputies in this body: 1 is called in first.
    deputy_position = models.PositiveIntegerField(_("nummer på stedfortræderlisten"), null=True, blank=True)

    class Meta:
        ordering = ["body", "start_date", "person__name"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.body} ({self.get_role_display()})"


class Attendance(TimeStamped):
    """One person's part in one meeting: a member present or away, a deputy called in, or a guest."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(
        _("fremmøde"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    # The role that day (as a member or deputy); empty for a participant without a seat.
    role = models.CharField(_("rolle"), max_length=20, choices=MembershipRole.choices, blank=True)
    voting_right = models.BooleanField(_("stemmeret"), default=True)
    substitute_for = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stedfortræder for"),
    )
    # Why the secretariat called in another deputy than the next on the list.
    substitute_reason = models.TextField(_("begrundelse for valg af stedfortræder"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "person__name"]
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.meeting}: {self.get_status_display()}"

    @property
    def is_guest(self) -> bool:
        return not self.role


class ItemAbsence(models.Model):
    """A participant who did not take part in one item ("X deltog ikke i behandlingen af dette punkt")."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="absences")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="item_absences")
    kind = models.CharField(
        _("årsag"), max_length=20, choices=ItemAbsenceKind.choices, default=ItemAbsenceKind.NOT_TAKING_PART
    )

    class Meta:
        ordering = ["item", "person__name"]
        verbose_name = _("fravær på punkt")
        verbose_name_plural = _("fravær på punkter")
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="item_absence_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.item}: {self.get_kind_display()}"


class Signature(models.Model):
    """A participant's signature of the minutes, bound to the text signed by its checksum."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="signatures")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="signatures")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    # The SHA-256 of the internal edition of the minutes when signed; empty for a signature recorded
    # before signatures were bound to a text.
    digest = models.CharField(_("kontrolsum for den underskrevne tekst"), max_length=64, blank=True)

    class Meta:
        ordering = ["meeting", "at"]
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person", "digest"], name="signature_once_per_text")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.meeting}"


class Disqualification(TimeStamped):
    """A member disqualified (inhabil) on an item: away from its treatment, its votes and its closed content."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="disqualifications")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disqualifications")
    # Declared by the member, or decided by the body; the grounds stay internal (they often are personal).
    self_declared = models.BooleanField(_("erklæret af medlemmet selv"), default=True)
    reason = models.TextField(_("begrundelse (intern)"), blank=True)

    class Meta:
        ordering = ["item", "person__name"]
        verbose_name = _("inhabilitet")
        verbose_name_plural = _("inhabilitet")
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="disqualified_once_per_item")]

    def __str__(self) -> str:
        return f"{self.person} {self.item}"


class Vote(TimeStamped):
    """One question put to the vote on an item (an ændringsforslag, then the indstilling as amended)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    position = models.PositiveIntegerField(default=0)
    question = models.CharField(_("afstemning om"), max_length=500)
    result = models.CharField(_("resultat"), max_length=10, choices=VoteResult.choices)
    # Printed by party letter ("For stemte: A, C, V (15)") where each list voted as one, else by name.
    by_party = models.BooleanField(_("vis efter partibogstav"), default=True)
    # Counts as printed, for a vote whose voters are not known by name (old minutes); otherwise the
    # ballots are the record and the counts follow from them.
    counts = models.JSONField(_("stemmetal"), null=True, blank=True)
    # The groups as printed in imported minutes ("A, C, V" / names); empty where ballots are recorded.
    printed = models.JSONField(_("som trykt"), null=True, blank=True)

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("afstemning")
        verbose_name_plural = _("afstemninger")

    def __str__(self) -> str:
        return f"{self.item}: {self.question}"


class Ballot(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ballots")
    choice = models.CharField(_("stemme"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        ordering = ["vote", "person__name"]
        verbose_name = _("stemme")
        verbose_name_plural = _("stemmer")
        constraints = [models.UniqueConstraint(fields=["vote", "person"], name="ballot_once_per_vote")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_choice_display()}"


class Statement(TimeStamped):
    """A protokoltilførsel: a statement of dissent entered under the decision, by one or more members."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="statements")
    position = models.PositiveIntegerField(default=0)
    authors = models.ManyToManyField(Person, related_name="statements", verbose_name=_("afgivet af"))
    # The authors as printed, for a statement imported from old minutes whose authors are not persons here.
    printed_authors = models.JSONField(_("afgivet af (som trykt)"), default=list, blank=True)
    text = models.TextField(_("tekst"))

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("protokoltilførsel")
        verbose_name_plural = _("protokoltilførsler")

    def __str__(self) -> str:
        return f"{self.item}: {self.text[:60]}"


class ProviderLogin(models.Model):
    """A user account that logs in through the identity provider, known there by its stable `sub`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_login",
        verbose_name=_("bruger"),
    )
    subject = models.CharField(_("login-id hos identitetsudbyderen"), max_length=255, unique=True)
    # The groups of the last login, as the provider sent them (what the roles were set from).
    groups = models.JSONField(_("grupper ved seneste login"), default=list, blank=True)
    last_login = models.DateTimeField(_("seneste login"), null=True, blank=True)

    class Meta:
        verbose_name = _("login hos identitetsudbyderen")
        verbose_name_plural = _("logins hos identitetsudbyderen")

    def __str__(self) -> str:
        return f"{self.user} ({self.subject})"


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Venter på sekretariatet")
    PLACED = "placed", _("Sat på dagsordenen")
    ANSWERED = "answered", _("Besvaret")


class MemberRequest(TimeStamped):
    """A member's request that a case be put on the body's agenda (kommunestyrelsesloven § 11).

    Internal until the secretariat places it on an agenda (as "Medlemsforslag fra X (A): …") or answers
    it; an agenda of the body is not sent while a request waits (`services.require_requests_settled`)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="member_requests")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="requests")
    title = models.CharField(_("emne"), max_length=300)
    text = models.TextField(_("forslag"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN, db_index=True
    )
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answer = models.TextField(_("svar"), blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["body", "created"]
        verbose_name = _("medlemsforslag")
        verbose_name_plural = _("medlemsforslag")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Medlemsforslag fra Anna Andersen (A): Cykelsti" """
        return _("Medlemsforslag fra %(who)s: %(title)s") % {"who": self.person.label, "title": self.title}
