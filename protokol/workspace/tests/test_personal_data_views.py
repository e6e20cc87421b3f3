"""The publish screen's personal-data check: a refused publication lands on a list of the hits, each with
its ways out (false positive, close, replace), and the item page withdraws and replaces attachments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from protokol.cases import services as case_services
from protokol.cases.models import Attachment, PersonalDataClearance
from protokol.cases.tests.files import pdf_bytes
from protokol.meetings import services
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.tests import factories
from protokol.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db
CPR = "010190-1235"


def _publish(client, meeting):
    return client.post(reverse("workspace:status", args=[meeting.pk, "publish-agenda"]), follow=True)


def test_a_refused_publication_lists_the_hits_and_a_false_positive_lets_it_through(
    client, meeting, secretary
):
    login(client, secretary)
    factories.item(meeting, "Enkeltudgifter", sections=[("Sagsfremstilling", f"Ansøger {CPR}.")])
    page = _publish(client, meeting).content.decode()
    assert "Dagsordenen kan ikke offentliggøres" in page
    assert "Kontrol af personoplysninger i dagsordenen" in page  # landed on the check's screen
    assert "afsnittet “Sagsfremstilling”" in page and "010190-****" in page and CPR not in page
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    fingerprint = page.split('name="fingerprint" value="')[1].split('"')[0]
    client.post(reverse("workspace:personal_data_resolve", args=[meeting.pk]), {"fingerprint": fingerprint})
    assert PersonalDataClearance.objects.get(meeting=meeting).by == secretary
    assert (
        "Ingen uafklarede fund"
        in client.get(reverse("workspace:personal_data", args=[meeting.pk])).content.decode()
    )
    _publish(client, meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


def test_closing_the_item_from_the_check(client, meeting, secretary):
    login(client, secretary)
    item = factories.item(meeting, "Enkeltudgifter", sections=[("Sagsfremstilling", CPR)])
    client.post(
        reverse("workspace:personal_data_resolve", args=[meeting.pk]),
        {"action": "close-item", "item": item.pk},
    )
    item.refresh_from_db()
    assert not item.public
    # Closed, the item reaches the public by its public fields only, which it must have first.
    page = _publish(client, meeting).content.decode()
    assert "lukkede punkter mangler en neutral offentlig titel" in page and "Enkeltudgifter" in page
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    services.update_item(item=item, public_title="Enkeltudgifter", closed_reason="personal", by=secretary)
    _publish(client, meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED


def test_replacing_an_attachment_from_the_check_and_withdrawing_one_from_the_item_page(
    client, meeting, secretary
):
    login(client, secretary)
    item = factories.item(meeting, "Tilsyn")
    bad = case_services.add_attachment(
        item=item,
        title="Rapport",
        content=pdf_bytes(f"CPR {CPR}"),
        file_name="r.pdf",
        mime_type="application/pdf",
        text=f"CPR {CPR}",
        by=secretary,
    )
    page = client.get(reverse("workspace:personal_data", args=[meeting.pk])).content.decode()
    assert "bilag “Rapport”" in page
    client.post(
        reverse("workspace:attachment_replace", args=[bad.pk]),
        {"file": SimpleUploadedFile("r.pdf", pdf_bytes("CPR [udeladt]")), "reason": "CPR", "back": "check"},
    )
    [new] = item.attachments.all()
    assert new.pk != bad.pk and "udeladt" in new.text
    _publish(client, meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED

    response = client.post(reverse("workspace:attachment_withdraw", args=[new.pk]), {"reason": "Forkert fil"})
    assert response.status_code == 302
    assert not item.attachments.exists()
    page = client.get(reverse("workspace:item", args=[meeting.pk, item.pk])).content.decode()
    assert "Trukket tilbage" in page and "Forkert fil" in page and f"/workspace/attachments/{bad.pk}/" in page
    assert Attachment.all_objects.filter(item=item, withdrawn_at__isnull=False).count() == 2


def test_a_member_gets_neither_the_check_nor_the_withdrawal(client, meeting, member, secretary):
    item = factories.item(meeting, "Tilsyn")
    att = case_services.add_attachment(item=item, title="Rapport", text="x", by=secretary)
    login(client, member)
    assert client.get(reverse("workspace:personal_data", args=[meeting.pk])).status_code == 404  # a draft
    client.post(reverse("workspace:attachment_withdraw", args=[att.pk]), {"reason": "Nej"})
    assert item.attachments.exists()
