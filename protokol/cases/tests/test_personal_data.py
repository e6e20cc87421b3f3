"""Must show: publishing refuses while a CPR number or a configured word would go out, names where it
stands (item, attachment, page), and lets the meeting through once every hit is resolved, each way."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from protokol.cases import personal_data
from protokol.cases import services as case_services
from protokol.cases.models import Attachment, PersonalDataClearance, PersonalDataWord
from protokol.cases.personal_data import PersonalDataFound, find_cpr_numbers
from protokol.cases.tests.files import docx_bytes
from protokol.cases.uploads import check_content
from protokol.common.models import AuditEntry
from protokol.common.users import system_user
from protokol.meetings import rules, services
from protokol.meetings.enums import MeetingStatus, Role
from protokol.meetings.tests import factories

CPR = "010190-1235"  # 1 January 1990; fails the modulus-11 check, as numbers issued since 2007 may


def _mod11(digits: str) -> bool:
    return sum(int(d) * w for d, w in zip(digits, (4, 3, 2, 7, 6, 5, 4, 3, 2, 1), strict=True)) % 11 == 0


def _typst_pdf(pages: list[str]) -> bytes:
    """A PDF with one page per text, typeset by typst; the texts reach it as data, never as markup."""
    import typst

    source = b"#let d = json(bytes(sys.inputs.content))\n#for (i, p) in d.enumerate() {\n  if i > 0 { pagebreak() }\n  p\n}\n"
    return typst.compile(
        source, format="pdf", sys_inputs={"content": json.dumps(pages)}, ignore_system_fonts=True
    )


@pytest.fixture
def secretary():
    return system_user()


@pytest.fixture
def meeting():
    body = factories.body("Socialudvalget")
    m = factories.meeting(body, day=date(2026, 3, 10))
    factories.item(m, "Godkendelse af dagsorden", sections=[("Indstilling", "Dagsordenen godkendes.")])
    return m


def _refusal(call) -> PersonalDataFound:
    with pytest.raises(PersonalDataFound) as err:
        call()
    return err.value


# The rule -----------------------------------------------------------------------------------------


def test_a_cpr_number_failing_modulus_11_is_still_caught():
    assert not _mod11(CPR.replace("-", ""))
    assert [n for _o, n in find_cpr_numbers(f"Borgeren (cpr. {CPR}) søger om hjælp.")] == [CPR]
    assert [n for _o, n in find_cpr_numbers("CPR:0101901235.")] == [CPR]


@pytest.mark.parametrize(
    "text",
    [
        "Dokumentnr. 326-2016-186692 og sagsnr. 01.02.03-G01-1-16",  # digits glued into a longer run
        "Ring på +45 3112 2334 eller 4531122334",  # a phone number: 45 is no day
        "Beløbet er 1234567890 kr. og konto 1234-0101901235",  # an amount; an account number glued on
        "Datoen 31.12.2016 og tallet 12345678901",  # 11 digits are no CPR number
        "Løbenr. 310299-1234",  # 31 February does not exist
    ],
)
def test_no_cpr_number_where_no_valid_date_or_glued_into_a_longer_run(text):
    assert list(find_cpr_numbers(text)) == []


@hsettings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2057, 12, 31)),
    serial=st.integers(0, 9999),
    dash=st.booleans(),
)
def test_every_ten_digits_with_a_valid_date_are_caught(day, serial, dash):
    number = f"{day:%d%m%y}{'-' if dash else ''}{serial:04d}"
    found = [n for _o, n in find_cpr_numbers(f"Borger {number} er omtalt.")]
    assert found == [f"{day:%d%m%y}-{serial:04d}"]


def _is_date(dd: int, mm: int, yy: int) -> bool:
    for century in (1900, 2000):
        try:
            date(century + yy, mm, dd)
            return True
        except ValueError:
            pass
    return False


@hsettings(max_examples=200, deadline=None)
@given(dd=st.integers(0, 99), mm=st.integers(0, 99), yy=st.integers(0, 99), serial=st.integers(0, 9999))
def test_ten_digits_without_a_valid_date_are_not(dd, mm, yy, serial):
    number = f"{dd:02d}{mm:02d}{yy:02d}-{serial:04d}"
    assert bool(list(find_cpr_numbers(f"Nr. {number}."))) == _is_date(dd, mm, yy)


# Sections, decisions, attachments ------------------------------------------------------------------


def test_publishing_the_agenda_refuses_a_cpr_number_in_a_section_until_judged_a_false_positive(
    db, meeting, secretary
):
    factories.item(meeting, "Hjælp til enkeltudgifter", sections=[("Sagsfremstilling", f"Ansøger {CPR}.")])
    err = _refusal(lambda: services.publish_agenda(meeting, by=secretary))
    message = str(err)
    assert "Dagsordenen kan ikke offentliggøres" in message
    assert "Punkt 2 “Hjælp til enkeltudgifter”" in message and "afsnittet “Sagsfremstilling”" in message
    assert "010190-****" in message and CPR not in message
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT

    [hit] = err.hits
    case_services.mark_false_positive(meeting=meeting, fingerprint=hit.fingerprint, by=secretary)
    clearance = PersonalDataClearance.objects.get(meeting=meeting)
    assert clearance.fingerprint == hit.fingerprint and "Sagsfremstilling" in clearance.where
    assert AuditEntry.objects.filter(action="personal_data.false_positive", meeting_id=meeting.pk).exists()
    assert personal_data.unresolved_hits(meeting) == []  # a new scan does not ask again
    services.publish_agenda(meeting, by=secretary)
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


def _approved(meeting, by):
    services.publish_agenda(meeting, by=by)
    services.mark_held(meeting, by=by)
    services.approve_minutes(meeting, by=by)
    return meeting


def test_publishing_the_minutes_refuses_a_cpr_number_in_a_decision_until_the_item_is_closed(
    db, meeting, secretary
):
    item = factories.item(meeting, "Klage over afgørelse")
    services.publish_agenda(meeting, by=secretary)  # decisions are not on the agenda: no hit yet
    text = f"Klagen fra {CPR.replace('-', '')} afvises."
    services.record_decision(item=item, text=text, by=secretary)
    services.mark_held(meeting, by=secretary)
    services.approve_minutes(meeting, by=secretary)
    err = _refusal(lambda: services.publish_minutes(meeting, by=secretary))
    assert "Referatet kan ikke offentliggøres" in str(err)
    assert f"Punkt 2 “Klage over afgørelse”, beslutningen ({meeting.body.name})" in str(err)
    reason = "Personoplysninger i beslutningen"
    services.update_item(item=item, public=False, public_title="Klage", by=secretary, reason=reason)
    # A closed item's decision reaches the public by its public text, which is scanned in turn.
    services.record_decision(item=item, text=text, public_text="Klagen afvises.", by=secretary, reason=reason)
    services.publish_minutes(meeting, by=secretary)
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED


def test_a_pdf_attachment_names_its_page_and_is_let_through_once_replaced_by_a_redacted_version(
    db, meeting, secretary
):
    item = factories.item(meeting, "Boligplacering")
    pdf = check_content(_typst_pdf(["Side et uden noget.", f"Borgerens CPR-nr.: {CPR}"]), "notat.pdf")
    original = case_services.add_attachment(
        item=item,
        title="Notat om boligplacering",
        content=pdf.content,
        file_name=pdf.file_name,
        mime_type=pdf.mime_type,
        text=pdf.text,
        by=secretary,
    )
    err = _refusal(lambda: services.publish_agenda(meeting, by=secretary))
    assert "Punkt 2 “Boligplacering”, bilag “Notat om boligplacering”, side 2: CPR-nummer 010190-****" in str(
        err
    )

    redacted = check_content(_typst_pdf(["Side et uden noget.", "Borgerens CPR-nr.: [udeladt]"]), "notat.pdf")
    new = case_services.replace_attachment(
        attachment=original, upload=redacted, by=secretary, reason="CPR-nummer på side 2"
    )
    assert list(item.attachments.all()) == [new] and new.title == "Notat om boligplacering"
    original = Attachment.all_objects.get(pk=original.pk)
    assert original.withdrawn_at and original.replaced_by == new and original.file  # kept for the record
    services.publish_agenda(meeting, by=secretary)
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


def test_a_docx_attachment_names_its_paragraph_and_is_let_through_once_closed(db, meeting, secretary):
    item = factories.item(meeting, "Tilsyn")
    docx = check_content(
        docx_bytes("Indledning.", "Baggrund.", f"Barnets cpr {CPR} fremgår."), "rapport.docx"
    )
    attachment = case_services.add_attachment(
        item=item,
        title="Tilsynsrapport",
        content=docx.content,
        file_name=docx.file_name,
        mime_type=docx.mime_type,
        text=docx.text,
        by=secretary,
    )
    err = _refusal(lambda: services.publish_agenda(meeting, by=secretary))
    assert "Punkt 2 “Tilsyn”, bilag “Tilsynsrapport”, afsnit nr. 3: CPR-nummer 010190-****" in str(err)
    case_services.set_attachment_public(attachment=attachment, public=False, by=secretary)
    services.publish_agenda(meeting, by=secretary)
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


def test_a_closed_items_content_is_not_scanned_but_an_open_items_title_is(db, meeting, secretary):
    factories.item(
        meeting, "Personalesag", public=False, sections=[("Sagsfremstilling", f"Medarbejder {CPR}")]
    )
    services.publish_agenda(meeting, by=secretary)
    other = factories.meeting(meeting.body, day=date(2026, 4, 1))
    factories.item(other, f"Sag om {CPR}")
    assert "titlen" in str(_refusal(lambda: services.publish_agenda(other, by=secretary)))


def test_a_closed_items_public_fields_are_scanned_as_the_public_reads_them(db, meeting, secretary):
    item = factories.item(
        meeting,
        "Personalesag",
        public=False,
        public_title="Personalesag",
        closed_reason="personal",
        closed_reason_text=f"Oplysninger om medarbejder {CPR}",
    )
    err = _refusal(lambda: services.publish_agenda(meeting, by=secretary))
    assert "Punkt 2 “Personalesag”, den offentlige tekst" in str(err)
    services.update_item(item=item, closed_reason_text="Oplysninger om en medarbejder", by=secretary)
    services.publish_agenda(meeting, by=secretary)
    services.mark_held(meeting, by=secretary)
    services.record_decision(item=item, text="Afsked.", public_text_withheld=f"Navngiver {CPR}", by=secretary)
    services.approve_minutes(meeting, by=secretary)
    err = _refusal(lambda: services.publish_minutes(meeting, by=secretary))
    assert "den offentlige beslutningstekst" in str(err) and CPR not in str(err)


def test_a_configured_word_is_caught_in_any_form_and_cleared_as_a_false_positive(db, meeting, secretary):
    PersonalDataWord.objects.create(organization=meeting.body.organization, word="anbringelse")
    factories.item(
        meeting, "Tilsyn med botilbud", sections=[("Baggrund", "Antallet af Anbringelser steg i 2025.")]
    )
    err = _refusal(lambda: services.publish_agenda(meeting, by=secretary))
    [hit] = err.hits
    assert "afsnittet “Baggrund”: ordet “anbringelse”" in str(err)
    case_services.mark_false_positive(meeting=meeting, fingerprint=hit.fingerprint, by=secretary)
    services.publish_agenda(meeting, by=secretary)
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


def test_only_the_secretariat_may_judge_a_hit(db, meeting, secretary):
    factories.item(meeting, "Sag", sections=[("Sagsfremstilling", CPR)])
    [hit] = personal_data.unresolved_hits(meeting)
    member = factories.member(meeting.body, role=Role.MEMBER)
    with pytest.raises(rules.Forbidden):
        case_services.mark_false_positive(meeting=meeting, fingerprint=hit.fingerprint, by=member)
    assert not PersonalDataClearance.objects.exists()
