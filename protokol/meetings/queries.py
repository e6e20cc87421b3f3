"""Reads that depend on who is asking. Every page, search, feed and API answer goes through these.

A closed item is visible to everyone who may see its meeting, but only by its public fields (number,
neutral title, reason, public decision text: `AgendaItem.shown_public_title`); its content
(`items_with_content`) only to the body's secretariat, and to its members once the agenda is sent.

The decisions of a meeting's items (`decisions_visible`, `items_with_decisions`) follow the meeting, not
the item: the secretariat sees them while writing, the body's members from the meeting on (they read the
minutes to sign them), everyone else once the minutes are published. Until then the public sees the
meeting as the agenda that was sent, never the word "Referat" (`shown_kind`), and of the decisions only
those the agenda quotes from earlier treatment (`quoted_earlier`: another body's, or one dated before
the meeting, as a council agenda prints the committees' decisions): they are part of the agenda as sent.
Only the meeting's own decisions (its body's, dated on the meeting's day or undated) wait for the minutes.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, Case, CharField, F, Q, QuerySet, Value, When

from protokol.meetings import rules, tenancy
from protokol.meetings.enums import MeetingStatus, Role, agenda_sent_q
from protokol.meetings.models import AgendaItem, Amendment, Body, Decision, Meeting, Organization
from protokol.people import queries as people_queries

# From these statuses on, a body's members read its decisions; the public only from the last one.
MEMBER_DECISION_STATUSES = (
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
)
PUBLIC_DECISION_STATUSES = (MeetingStatus.MINUTES_PUBLISHED,)
# The statuses in which a meeting's document is the minutes rather than the agenda (Meeting.kind).
MINUTES_STATUSES = MEMBER_DECISION_STATUSES


def _in_tenant(qs: QuerySet, organization_field: str) -> QuerySet:
    """Restricted to the request's organisation where there is one (meetings.tenancy), whoever asks."""
    organization = tenancy.current_organization()
    return qs if organization is None else qs.filter(**{organization_field: organization})


def tenant_body_ids() -> frozenset[int] | None:
    """The ids of the request's organisation's bodies; None: no tenant, every body."""
    organization = tenancy.current_organization()
    if organization is None:
        return None
    return frozenset(Body.objects.filter(organization=organization).values_list("pk", flat=True))


def _meeting_filter(user, prefix: str = "") -> Q | None:
    """None where the user sees everything."""
    if rules.is_admin(user):
        return None
    secretariat = rules.body_ids_with_role(user, Role.SECRETARIAT)
    q = agenda_sent_q(prefix)
    if secretariat:
        q |= Q(**{f"{prefix}body_id__in": secretariat})
    return q


def _decisions_filter(user, prefix: str = "") -> Q | None:
    """Meetings whose decisions the user may read (None: all); see the module docstring."""
    if rules.is_admin(user):
        return None
    q = Q(**{f"{prefix}status__in": PUBLIC_DECISION_STATUSES})
    member = rules.body_ids_with_role(user, Role.MEMBER)
    if member:
        q |= Q(**{f"{prefix}body_id__in": member, f"{prefix}status__in": MEMBER_DECISION_STATUSES})
    called_in = people_queries.called_in_meeting_ids(user)
    if called_in:
        q |= Q(**{f"{prefix}pk__in": called_in, f"{prefix}status__in": MEMBER_DECISION_STATUSES})
    secretariat = rules.body_ids_with_role(user, Role.SECRETARIAT)
    if secretariat:
        q |= Q(**{f"{prefix}body_id__in": secretariat})
    return q


def visible_meetings(user) -> QuerySet[Meeting]:
    """Meetings the user may see, each annotated for lists and pages with what of it the user may read:
    `decisions_shown` (as `decisions_visible`) and `shown_kind` (as `shown_kind`)."""
    q = _meeting_filter(user)
    decisions = _decisions_filter(user)
    if decisions is None:
        shown: Value | Case = Value(True, output_field=BooleanField())
        minutes = Q(status__in=MINUTES_STATUSES)
    else:
        shown = Case(When(decisions, then=Value(True)), default=Value(False), output_field=BooleanField())
        minutes = Q(status__in=MINUTES_STATUSES) & decisions
    meetings = Meeting.objects.select_related("body", "body__organization").annotate(
        decisions_shown=shown,
        shown_kind=Case(
            When(minutes, then=Value("minutes")), default=Value("agenda"), output_field=CharField()
        ),
    )
    meetings = _in_tenant(meetings, "body__organization")
    return meetings if q is None else meetings.filter(q)


def decisions_visible(user, meeting: Meeting) -> bool:
    """May the user read the decisions of this meeting's items (of the items whose content they see)?"""
    q = _decisions_filter(user)
    meetings = _in_tenant(Meeting.objects.filter(pk=meeting.pk), "body__organization")
    return meetings.exists() if q is None else meetings.filter(q).exists()


def shown_kind(user, meeting: Meeting) -> str:
    """ "minutes" where the user may read the meeting's minutes, else "agenda": the agenda as it was sent."""
    if meeting.status in MINUTES_STATUSES and decisions_visible(user, meeting):
        return "minutes"
    return "agenda"


def visible_items(user) -> QuerySet[AgendaItem]:
    """Items whose number and title the user may see."""
    q = _meeting_filter(user, "meeting__")
    items = _in_tenant(
        AgendaItem.objects.select_related("meeting", "meeting__body"), "meeting__body__organization"
    )
    return items if q is None else items.filter(q)


def _content_filter(user, prefix: str = "") -> Q | None:
    if rules.is_admin(user):
        return None
    secretariat = rules.body_ids_with_role(user, Role.SECRETARIAT)
    member = rules.body_ids_with_role(user, Role.MEMBER)
    published = agenda_sent_q(f"{prefix}meeting__")
    q = published & Q(**{f"{prefix}public": True})
    if member:
        q |= published & Q(**{f"{prefix}meeting__body_id__in": member})
    called_in = people_queries.called_in_meeting_ids(user)
    if called_in:
        # A deputy called in reads the meeting as its members do, and only that meeting.
        q |= published & Q(**{f"{prefix}meeting_id__in": called_in})
    if secretariat:
        q |= Q(**{f"{prefix}meeting__body_id__in": secretariat})
    disqualified = people_queries.disqualified_closed_item_ids(user)
    if disqualified:
        # A member disqualified (inhabil) on a closed item loses its content (kommunestyrelsesloven § 14).
        q &= ~Q(**{f"{prefix}pk__in": disqualified})
    return q


def items_with_content(user) -> QuerySet[AgendaItem]:
    """Items whose whole content (case, sections, attachments) the user may see; their decisions only
    where `items_with_decisions` says so too."""
    q = _content_filter(user)
    items = _in_tenant(
        AgendaItem.objects.select_related("meeting", "meeting__body"), "meeting__body__organization"
    )
    return items if q is None else items.filter(q)


def content_item_ids(user, items) -> set[int]:
    """Of these items, the ids whose content the user may see (one query)."""
    ids = [i.pk for i in items]
    return set(items_with_content(user).filter(pk__in=ids).values_list("pk", flat=True))


def items_with_decisions(user) -> QuerySet[AgendaItem]:
    """Items whose content and decisions the user may see."""
    items = items_with_content(user)
    q = _decisions_filter(user, "meeting__")
    return items if q is None else items.filter(q)


def decision_item_ids(user, items) -> set[int]:
    """Of these items, the ids whose decisions the user may see (one query)."""
    ids = [i.pk for i in items]
    return set(items_with_decisions(user).filter(pk__in=ids).values_list("pk", flat=True))


def quoted_earlier(meeting: Meeting, *, body_name: str, day: date | None) -> bool:
    """Is a decision on an item of this meeting one its agenda quotes from earlier treatment (another
    body's, or dated before the meeting), shown with the agenda, rather than the meeting's own?"""
    return body_name != meeting.body.name or (day is not None and day < meeting.date)


def _quoted_filter() -> Q:
    """`quoted_earlier` for a query of decisions."""
    return ~Q(body_name=F("item__meeting__body__name")) | Q(date__lt=F("item__meeting__date"))


def visible_decisions(user) -> QuerySet[Decision]:
    with_minutes = Q(item__in=items_with_decisions(user).values("pk"))
    with_agenda = Q(item__in=items_with_content(user).values("pk")) & _quoted_filter()
    return Decision.objects.filter(with_minutes | with_agenda)


def decisions_of(item: AgendaItem, meeting: Meeting, *, minutes: bool) -> list[Decision]:
    """The item's decisions (prefetched) as shown to a reader of its content: all of them to a reader of
    the minutes (`minutes`), else those quoted from earlier treatment (`quoted_earlier`)."""
    return [
        d
        for d in item.decisions.all()
        if minutes or quoted_earlier(meeting, body_name=d.body_name, day=d.date)
    ]


def shown_decisions(user, items: list[AgendaItem]) -> dict[int, list[Decision]]:
    """For each of these items whose content the user sees, the decisions the user may read (two queries)."""
    content = content_item_ids(user, items)
    decided = decision_item_ids(user, items)
    return {i.pk: decisions_of(i, i.meeting, minutes=i.pk in decided) for i in items if i.pk in content}


def decisions_public(meeting: Meeting) -> bool:
    """For what is built once for everyone (the public search index): are the decisions public?"""
    return meeting.status in PUBLIC_DECISION_STATUSES


def decisions_for_members(meeting: Meeting) -> bool:
    """For what is built once for the body's members and secretariat (the internal search index)."""
    return meeting.status in MEMBER_DECISION_STATUSES


@dataclass
class MinutesChecksum:
    """The checksum of approved minutes as one reader may see it: of the internal edition for those who
    read the closed items, of the public edition for everyone else."""

    digest: str
    public: bool
    version: int
    meeting: Meeting
    amendment: Amendment | None = None  # the amendment this version follows
    amendments: list[Amendment] = field(default_factory=list)  # those this reader is shown

    @cached_property
    def matches(self) -> bool:
        """Whether the minutes as stored now still give this digest (computed when asked: it exports them)."""
        from protokol.meetings.services import minutes_match

        return minutes_match(self.meeting, public=self.public)


def minutes_checksum(user, meeting: Meeting) -> MinutesChecksum | None:
    """The checksum the user is shown on the minutes, or None (an agenda, or minutes not yet theirs)."""
    if not meeting.minutes_hash or not decisions_visible(user, meeting):
        return None
    return edition_checksum(meeting, public=not rules.can_see_closed(user, meeting))


def edition_checksum(meeting: Meeting, *, public: bool) -> MinutesChecksum | None:
    """The checksum of one edition of approved minutes, whoever asks (the caller decides who may read it)."""
    amendments = list(meeting.amendments.order_by("at", "pk"))
    if public:
        # Only the amendments that changed what the public reads: the others concern closed content.
        amendments = [a for a in amendments if a.public_change]
    digest = meeting.public_minutes_hash if public else meeting.minutes_hash
    if not digest:
        return None
    return MinutesChecksum(
        digest=digest,
        public=public,
        version=len(amendments) + 1,
        meeting=meeting,
        amendment=amendments[-1] if amendments else None,
        amendments=amendments,
    )


def forwarded_to(user, *, item: AgendaItem, body: Body | None) -> AgendaItem | None:
    """Where the item's case went next on its route: its first later item in `body` that the user may see.

    The next body's meeting is often still a draft its own secretariat prepares; to anyone else it does
    not exist yet, so neither does the line saying the case was sent there.
    """
    if body is None or not item.case_id:
        return None
    return (
        visible_items(user)
        .filter(case_id=item.case_id, meeting__body=body, meeting__date__gt=item.meeting.date)
        .order_by("meeting__date", "meeting__start_time", "pk")
        .first()
    )


def postponed_to(user, items: Iterable[AgendaItem]) -> dict[int, list[AgendaItem]]:
    """For each of these items, the later items it was postponed to that the user may see (one query)."""
    moved: dict[int, list[AgendaItem]] = defaultdict(list)
    later = visible_items(user).filter(postponed_from__in=[i.pk for i in items])
    for item in later.order_by("meeting__date", "pk"):
        assert item.postponed_from_id is not None  # the filter above
        moved[item.postponed_from_id].append(item)
    return moved


def visible_bodies(user) -> QuerySet[Body]:
    return _in_tenant(Body.objects.filter(active=True).select_related("organization"), "organization")


def body_by_slug(bodies: QuerySet[Body], slug: str, *, user=None) -> Body | None:
    """The body of these with this short name. A slug is unique within an organisation, so within a tenant;
    without one (the shared portal of several organisations, the CLI) two organisations may share it: then
    the one of them where `user` holds a role (the workspace's reader), else the body that had it first
    (the lowest id) answers: never MultipleObjectsReturned, always the same."""
    found = _in_tenant(bodies, "organization").filter(slug=slug).order_by("pk")
    if user is not None and not rules.is_admin(user):
        own = found.filter(pk__in=rules.body_ids_with_role(user, Role.SECRETARIAT, Role.MEMBER)).first()
        if own is not None:
            return own
    return found.first()


def meeting_by_reference(reference: str, *, user=None) -> Meeting:
    """A meeting by id or by body-slug/YYYY-MM-DD (the first of the day where a body met twice)."""
    from datetime import date

    from django.utils.translation import gettext as _

    from protokol.common.errors import NotFound

    reference = reference.strip().strip("/")
    meetings = (
        visible_meetings(user)
        if user is not None
        else _in_tenant(Meeting.objects.select_related("body"), "body__organization")
    )
    found = None
    if reference.isdigit():
        found = meetings.filter(pk=int(reference)).first()
    elif "/" in reference:
        slug, _sep, day = reference.rpartition("/")
        try:
            wanted = date.fromisoformat(day)
        except ValueError:
            wanted = None
        body = body_by_slug(Body.objects.all(), slug) if wanted else None
        if body is not None and wanted is not None:
            found = meetings.filter(body=body, date=wanted).order_by("start_time", "pk").first()
    if found is None:
        raise NotFound(
            _(
                "Intet møde hedder %(ref)s. Angiv et møde-id eller udvalg/ÅÅÅÅ-MM-DD, fx direktionen/2016-05-30."
            )
            % {"ref": reference}
        )
    return found


# Search ------------------------------------------------------------------------------------------


class SearchScope:
    """What of the search indexes a user may read, expressed in body ids.

    The same rules as `items_with_content` and `visible_items`, stated once more for indexes that
    cannot join tables. Every item of a body is a *restricted* document (all of it, its decisions from
    the meeting on: `decisions_for_members`) in one of the body's two restricted indexes, of its drafts
    or of its sent meetings; every item of a published meeting is also an *open* document (an open item
    without closed attachments, its decisions once the minutes are published: `decisions_public`) or a
    *title* document (a closed item's number and title) in the public index. A user reads

    - the restricted indexes of the bodies in `restricted_all_body_ids` (secretariat: drafts too),
      and the sent-meetings index of `restricted_published_body_ids` (members);
    - the public index, without the bodies read restricted.

    On a tenant's site (meetings.tenancy) every index is read only for the tenant's bodies
    (`tenant_body_ids`; None: every body), administrators' searches too.

    `everything` (administrators) reads every restricted index. `public` users read the public index
    alone. Each index holds only what its readers may read, so that nothing a search reads from an
    index (expansions, counts, scores) depends on a document the user may not read
    (`protokol.search.index`). The search tests check this against `items_with_content` for every
    kind of user.
    """

    def __init__(
        self,
        *,
        everything: bool,
        member: frozenset[int],
        secretariat: frozenset[int],
        tenant_body_ids: frozenset[int] | None = None,
    ):
        self.everything = everything
        self.tenant_body_ids = tenant_body_ids
        if tenant_body_ids is not None:
            member, secretariat = member & tenant_body_ids, secretariat & tenant_body_ids
        self.restricted_all_body_ids = secretariat
        self.restricted_published_body_ids = member - secretariat

    @property
    def public(self) -> bool:
        return not (self.everything or self.restricted_all_body_ids or self.restricted_published_body_ids)

    @property
    def restricted_body_ids(self) -> frozenset[int]:
        return self.restricted_all_body_ids | self.restricted_published_body_ids

    def __repr__(self) -> str:
        return (
            f"SearchScope(everything={self.everything}, all={sorted(self.restricted_all_body_ids)}, "
            f"published={sorted(self.restricted_published_body_ids)}, "
            f"tenant={None if self.tenant_body_ids is None else sorted(self.tenant_body_ids)})"
        )


def search_scope(user) -> SearchScope:
    """The part of the search index this user may read (see SearchScope)."""
    if rules.is_admin(user):
        return SearchScope(
            everything=True, member=frozenset(), secretariat=frozenset(), tenant_body_ids=tenant_body_ids()
        )
    # The restricted indexes hold a body's closed items whole, so a member disqualified on one of them
    # searches that body's public index instead: losing the body's closed items in search is the price
    # of never finding the one they may not read.
    disqualified = set(
        AgendaItem.objects.filter(pk__in=people_queries.disqualified_closed_item_ids(user)).values_list(
            "meeting__body_id", flat=True
        )
    )
    return SearchScope(
        everything=False,
        member=frozenset(rules.body_ids_with_role(user, Role.MEMBER) - disqualified),
        secretariat=frozenset(rules.body_ids_with_role(user, Role.SECRETARIAT)),
        tenant_body_ids=tenant_body_ids(),
    )


def public_user() -> AnonymousUser:
    """The anonymous visitor, for what is public whoever asks (feeds, calendars, OParl, tombstones, CLI)."""
    return AnonymousUser()


def site_organization() -> Organization | None:
    """The organisation the site presents itself as: the request's tenant (meetings.tenancy), else the one
    settings.PROTOKOL_ORGANIZATION names (its slug), else the installation's only one; None when there are several and none is named."""
    from django.conf import settings

    organization = tenancy.current_organization()
    if organization is not None:
        return organization  # the site of the request's host (meetings.tenancy)
    if settings.PROTOKOL_ORGANIZATION:
        return Organization.objects.filter(slug=settings.PROTOKOL_ORGANIZATION).first()
    found = list(Organization.objects.all()[:2])
    return found[0] if len(found) == 1 else None
