"""Must show: nothing of a closed item beyond its public fields (number, neutral title, reason, public decision
text) ever reaches someone outside the rules.

A demo municipality gets a unique canary word in every field of every closed item and every closed
attachment (sections, decisions, route, case number and title, document numbers, attachment titles, texts
and files, follow-ups, communication records, closed planned themes), written through the services.
Then the whole site is crawled as the public and as a member of another body: every link in every HTML
page, feed, calendar, OParl and API answer, every PDF (text extracted), every download, the search for
every canary word and its stems and prefixes (portal, search feed and `protokol search --json`), and
direct requests for the closed objects and error pages with the canary in the URL. No canary may show.
The same crawl as a member of Direktionen finds Direktionen's published canaries, and only those, so the
test can fail.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from protokol.leak_crawl import Canaries, crawl_site, leak_report

pytestmark = pytest.mark.django_db


def _plant(org) -> Canaries:
    """Canary words in every field of every closed item and closed attachment, through the services."""
    from protokol.cases import services as case_services
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.models import AgendaItem, Body, Meeting
    from protokol.planning import services as planning

    by = system_user()
    canaries = Canaries(Body.objects.filter(organization=org))
    meetings = list(Meeting.objects.filter(body__organization=org).order_by("date", "pk"))
    # Every meeting gets a closed item (the demo rolls dice), and an open item with a closed attachment.
    for meeting in meetings:
        if not meeting.items.filter(public=False).exists():
            services.add_item(meeting=meeting, title="Lukket punkt", public=False, by=by, reason="Test")
    for n, item in enumerate(AgendaItem.objects.filter(meeting__in=meetings).select_related("meeting")):
        meeting = item.meeting
        reason = "Test af lukkede punkter"

        def w(field: str, meeting=meeting) -> str:
            return canaries.word(meeting, field)

        if item.public:
            if item.case_id and not item.attachments.filter(public=False).exists():
                case_services.add_attachment(
                    item=item,
                    title=f"Lukket bilag {w('open-item.attachment.title')}",
                    public=False,
                    document_number=w("open-item.attachment.document_number"),
                    text=f"Fortroligt {w('open-item.attachment.text')} bilag",
                    content=f"Fortrolig fil {w('open-item.attachment.file')}".encode(),
                    file_name=f"{w('open-item.attachment.file_name')}.txt",
                    mime_type="text/plain",
                    by=by,
                    reason=reason,
                )
            continue
        case = case_services.resolve_case(
            organization=org,
            number=f"2026-{n:02d}-{w('case.number')}",
            title=f"Sagen om {w('case.title')}",
            journal_number="00.01.00",
            by=by,
        )
        services.update_item(
            item=item,
            title=f"{item.title} {w('item.title')}",  # the public reads the neutral public title instead
            case=case,
            document_number=w("item.document_number"),
            case_type=w("item.case_type"),
            reason=reason,
            by=by,
        )
        services.set_sections(
            item=item,
            sections=[
                ("Resume", f"Kort om {w('section.text')} her."),
                ("Sagsfremstilling", f"Lang tekst om {w('section.text')}ernes {w('section.text')} forhold."),
            ],
            by=by,
            reason=reason,
        )
        services.set_route(item=item, names=[meeting.body.name, w("route")], by=by, reason=reason)
        services.record_decision(item=item, text=f"Godkendt, {w('decision.text')}.", by=by, reason=reason)
        services.record_decision(
            item=item,
            text=f"Anbefales {w('decision.quoted')}.",
            body_name=w("decision.body_name"),
            date=meeting.date - timedelta(days=7),
            by=by,
            reason=reason,
        )
        for public in (True, False):  # an item's attachments are as closed as the item
            case_services.add_attachment(
                item=item,
                title=f"Bilag om {w('attachment.title')}",
                public=public,
                document_number=w("attachment.document_number"),
                text=f"Bilagets tekst {w('attachment.text')}",
                content=f"Filens indhold {w('attachment.file')}".encode(),
                file_name=f"{w('attachment.file_name')}.txt",
                mime_type="text/plain",
                by=by,
                reason=reason,
            )
        planning.create_follow_up(
            item=item,
            what=f"Følg op på {w('follow_up.what')}",
            responsible_name=w("follow_up.responsible"),
            due=meeting.date + timedelta(days=30),
            by=by,
        )
        planning.record_communication(
            item=item,
            audiences=["organisation", "managers"],  # "public" is refused for a closed item
            channels=["website", "intranet"],
            responsible_name=w("communication.responsible"),
            date=meeting.date + timedelta(days=1),
            message=f"Besked om {w('communication.message')}",
            done=True,
            by=by,
        )
    today = timezone.localdate()
    for body in Body.objects.filter(organization=org):
        meeting = Meeting(body=body, status="draft")  # only for the canary's body code
        planning.plan_theme(
            body=body,
            title=f"Lukket emne {canaries.word(meeting, 'theme.title')}",
            description=canaries.word(meeting, "theme.description"),
            month=date(today.year + 1, 2, 1),
            public=False,
            by=by,
        )
    return canaries


@pytest.fixture
def municipality(db):
    from protokol.common.users import system_user
    from protokol.meetings import demo, services
    from protokol.meetings.models import Organization
    from protokol.planning import demo as planning_demo

    demo.generate(meetings=8, seed=7)
    planning_demo.generate(seed=7)
    org = Organization.objects.get(name=demo.ORGANIZATION)
    to_cancel = _meetings_to_cancel(org)
    canaries = _plant(org)
    for meeting in to_cancel:
        services.cancel_meeting(meeting, reason=f"Aflyst ({meeting.status})", by=system_user())
    return org, canaries


def _meetings_to_cancel(org) -> list:
    """A meeting whose agenda is sent and a draft, both with a closed item, to be cancelled once the
    canaries are planted: the first stays public as cancelled (its closed items as closed as before), the
    second as private as a draft (the canaries keep what they say)."""
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.enums import ClosedReason
    from protokol.meetings.models import Body

    by = system_user()
    body = Body.objects.get(organization=org, slug="direktionen")
    meetings = []
    for days in (30, 60):
        meeting = services.create_meeting(body=body, date=timezone.localdate() + timedelta(days=days), by=by)
        services.add_item(meeting=meeting, title="Orientering", by=by)
        services.add_item(
            meeting=meeting,
            title="Lukket",
            public=False,
            public_title="Personalesag",
            closed_reason=ClosedReason.PERSONAL,
            by=by,
        )
        meetings.append(meeting)
    services.publish_agenda(meetings[0], by=by)
    meetings[0].refresh_from_db()
    return meetings


def test_no_closed_content_reaches_the_public_or_another_bodys_member(municipality, monkeypatch):
    import protokol.cli
    from protokol.meetings import services
    from protokol.meetings.tests import factories

    # Django is set up already; setting it up again from the CLI would point logging at the runner's stream.
    monkeypatch.setattr(protokol.cli, "_django", lambda: None)
    org, canaries = municipality
    assert len(canaries.words) > 100

    anonymous = crawl_site(Client(), "anonymous", org, canaries)
    assert not anonymous.found, leak_report(anonymous, canaries, anonymous.found)
    assert len(anonymous.seen) > 150, f"the public crawl reached only {len(anonymous.seen)} URLs"
    assert any(u.startswith("/oparl/v1/") for u in anonymous.seen)
    assert any(u.endswith(".pdf") and s == 200 for u, s in anonymous.seen.items())
    from protokol.meetings.models import Meeting

    cancelled = Meeting.objects.filter(
        body__organization=org, status="cancelled", agenda_published_at__isnull=False
    )
    assert anonymous.seen.get(f"/meetings/{cancelled.get().pk}/") == 200, (
        "the crawl must reach the cancelled meeting"
    )

    outsider = Client()
    other_body = services.create_body(organization=org, name="Kontroludvalget", by=factories.system_user())
    outsider.force_login(factories.member(other_body))
    other = crawl_site(outsider, "other body's member", org, canaries)
    assert not other.found, leak_report(other, canaries, other.found)

    # The control: the same crawl as a member of Direktionen finds its published canaries, only those.
    from protokol.meetings.models import Body

    direktionen = Body.objects.get(organization=org, slug="direktionen")
    insider = Client()
    insider.force_login(factories.member(direktionen))
    member = crawl_site(insider, "member", org, canaries)
    own = {
        w for w, (body_id, published, _f) in canaries.words.items() if body_id == direktionen.pk and published
    }
    wrong = set(member.found) - own
    assert not wrong, leak_report(member, canaries, wrong)
    fields = {canaries.field(w) for w in member.found}
    for field in ("section.text", "decision.text", "item.document_number", "case.title", "attachment.text"):
        assert field in fields, f"the member never saw {field}; seen: {sorted(fields)}"
    assert any(canaries.field(w) == "attachment.file" for w in member.found), "no closed file downloaded"
