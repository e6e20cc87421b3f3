import pytest

CANARY = "KANARIEFUGL"


@pytest.fixture
def demo(db, media):
    """The demo municipality, with canary words in everything of its closed items that must not leak."""
    from datetime import date

    from protokol.cases import services as case_services
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.demo import generate
    from protokol.meetings.enums import PUBLISHED_STATUSES
    from protokol.meetings.models import AgendaItem, Meeting

    generate(meetings=8, seed=1)
    by = system_user()
    published = Meeting.objects.filter(status__in=PUBLISHED_STATUSES).order_by("date")
    if not AgendaItem.objects.filter(public=False, meeting__in=published).exists():
        meeting = published.last()
        services.add_item(meeting=meeting, title="Lukket punkt", public=False, by=by, reason="test")
    org = published.first().body.organization
    for n, item in enumerate(AgendaItem.objects.filter(public=False).select_related("meeting")):
        word = f"{CANARY}{n}"
        case = case_services.resolve_case(
            organization=org,
            number=f"{word}-sag",
            title=f"{word} sagstitel",
            journal_number="00.01.00",
            by=by,
        )
        services.update_item(
            item=item,
            title=f"{word} titel",  # the real title is no public field: the public reads the neutral one
            case=case,
            document_number=f"{word}-dok",
            case_type=f"{word} type",
            reason="test",
            by=by,
        )
        services.set_sections(
            item=item, sections=[("Sagsfremstilling", f"{word} hemmelig tekst")], by=by, reason="t"
        )
        services.set_route(item=item, names=[item.meeting.body.name], by=by, reason="test")
        services.record_decision(item=item, text=f"{word} beslutning", by=by, reason="test")
        services.record_decision(
            item=item,
            text=f"{word} tidligere",
            body_name="Direktionen",
            date=date(2020, 1, 1),
            by=by,
            reason="t",
        )
        case_services.add_attachment(
            item=item,
            title=f"{word} bilag",
            text=f"{word} bilagstekst",
            content=f"{word}".encode(),
            file_name=f"{word}.txt",
            mime_type="text/plain",
            by=by,
            reason="test",
        )
    # A closed attachment on an open item of a published meeting never leaves either.
    open_item = AgendaItem.objects.filter(public=True, meeting__in=published, case__isnull=False).first()
    case_services.add_attachment(
        item=open_item,
        title=f"{CANARY}-lukket-bilag",
        public=False,
        text=f"{CANARY} lukket bilagstekst",
        content=b"x",
        file_name="lukket.pdf",
        mime_type="application/pdf",
        by=by,
        reason="test",
    )
    # And an open attachment with a file, to serve.
    case_services.add_attachment(
        item=open_item,
        title="Åbent bilag",
        content=b"%PDF-1.7 offentligt",
        file_name="aabent.pdf",
        mime_type="application/pdf",
        by=by,
        reason="test",
    )
    return org


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def two_bodies(db, media):
    """Two bodies of one municipality, each with a published meeting (an open and a closed item) and a draft."""
    from datetime import date, time

    from protokol.cases import services as case_services
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.tests import factories

    by = system_user()
    org = factories.organization()
    out = {}
    for n, name in enumerate(["Direktionen", "Økonomiudvalget"]):
        body = factories.body(name, org=org)
        meeting = services.create_meeting(body=body, date=date(2026, 3, 2 + n), start_time=time(9), by=by)
        case = case_services.resolve_case(organization=org, number=f"2026-00-{n:06d}", title="Sag", by=by)
        open_item = services.add_item(meeting=meeting, title="Åbent punkt", case=case, by=by)
        closed = services.add_item(
            meeting=meeting,
            title="Lukket punkt",
            public=False,
            subject_confidential=True,
            sections=[("Sagsfremstilling", CANARY)],
            by=by,
        )
        case_services.add_attachment(item=open_item, title="Bilag", text="Offentlig tekst", by=by)
        services.publish_agenda(meeting, by=by)
        draft = services.create_meeting(body=body, date=date(2026, 5, 2 + n), by=by)
        services.add_item(meeting=draft, title="Kladdepunkt", by=by)
        out[name] = {"body": body, "meeting": meeting, "open": open_item, "closed": closed, "draft": draft}
    return out


@pytest.fixture
def token_a(two_bodies):
    """A token for Direktionen: (token, secret)."""
    from protokol.api.tokens import create_token
    from protokol.common.users import system_user

    return create_token(name="ESDH Direktionen", body=two_bodies["Direktionen"]["body"], by=system_user())
