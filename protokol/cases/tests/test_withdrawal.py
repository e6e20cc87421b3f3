"""Must show: a withdrawn attachment is gone from every public channel within one request (download 410,
search, OParl's deleted File in modified_since, the cached portal page, the JSON API), the audit log keeps
who, when and why, and only the secretariat can still read the file kept for the record."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from protokol.cases import services as case_services
from protokol.cases.models import Attachment
from protokol.cases.tests.files import pdf_bytes
from protokol.cases.uploads import check_content
from protokol.common.models import AuditEntry
from protokol.common.users import system_user
from protokol.meetings import rules, services
from protokol.meetings.enums import Role
from protokol.meetings.tests import factories
from protokol.search.query import search

pytestmark = pytest.mark.django_db
WORD = "vandrefalk"


@pytest.fixture
def published():
    body = factories.body("Teknikudvalget")
    meeting = factories.meeting(body, day=date(2026, 3, 12))
    item = factories.item(meeting, "Ny cykelsti", sections=[("Sagsfremstilling", "En sti langs fjorden.")])
    upload = check_content(pdf_bytes(f"Rapport om {WORD} ved stien"), "rapport.pdf")
    attachment = case_services.add_attachment(
        item=item,
        title="Naturrapport",
        content=upload.content,
        file_name=upload.file_name,
        mime_type=upload.mime_type,
        text=upload.text,
        by=system_user(),
    )
    services.publish_agenda(meeting, by=system_user())
    return meeting, item, attachment


def _oparl_files(client, org_id: int, **params) -> dict[str, dict]:
    data = client.get(f"/oparl/v1/body/{org_id}/file", params).json()["data"]
    return {f["id"]: f for f in data}


def test_a_withdrawn_attachment_is_gone_from_every_public_channel_at_once(client, published):
    meeting, item, attachment = published
    secretary = factories.member(meeting.body, role=Role.SECRETARIAT)
    org_id = meeting.body.organization_id
    page = f"/meetings/{meeting.pk}/"
    file_id = f"http://testserver/oparl/v1/file/{attachment.pk}"
    downloads = [
        f"/oparl/v1/file/{attachment.pk}/access",
        f"/oparl/v1/file/{attachment.pk}/download",
        f"/api/attachments/{attachment.pk}/download",
        f"/api/attachments/{attachment.pk}",
    ]
    # Before: everywhere, and the meeting page is in the visitors' cache.
    assert "Naturrapport" in client.get(page).content.decode()
    assert "Naturrapport" in client.get(page).content.decode()
    assert search(WORD).count == 1
    assert file_id in _oparl_files(client, org_id)
    assert [client.get(url).status_code for url in downloads] == [200, 200, 200, 200]
    since = (timezone.now() - timedelta(seconds=1)).isoformat()

    case_services.withdraw_attachment(attachment=attachment, by=secretary, reason="Indeholder et CPR-nummer")

    assert [client.get(url).status_code for url in downloads] == [410, 410, 410, 410]
    assert "Naturrapport" not in client.get(page).content.decode()
    assert "Naturrapport" not in client.get(f"/meetings/{meeting.pk}/items/{item.number}/").content.decode()
    assert search(WORD).count == 0
    assert file_id not in _oparl_files(client, org_id)
    assert _oparl_files(client, org_id, modified_since=since)[file_id]["deleted"] is True
    assert client.get(f"/oparl/v1/file/{attachment.pk}").json()["deleted"] is True
    api_item = client.get(f"/api/items/{item.pk}").json()
    assert api_item["attachments"] == []

    entry = AuditEntry.objects.get(action="attachment.withdraw")
    assert (entry.actor, entry.reason, entry.meeting_id) == (
        secretary,
        "Indeholder et CPR-nummer",
        meeting.pk,
    )
    kept = Attachment.all_objects.get(pk=attachment.pk)
    assert kept.withdrawn_by == secretary and kept.withdrawn_reason == "Indeholder et CPR-nummer"


def test_only_the_secretariat_reads_the_withdrawn_file_kept_for_the_record(published):
    meeting, _item, attachment = published
    secretary = factories.member(meeting.body, role=Role.SECRETARIAT)
    member = factories.member(meeting.body, role=Role.MEMBER)
    case_services.withdraw_attachment(attachment=attachment, by=secretary, reason="Forkert fil")
    url = f"/workspace/attachments/{attachment.pk}/"
    as_secretary, as_member = Client(), Client()
    as_secretary.force_login(secretary)
    as_member.force_login(member)
    response = as_secretary.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert as_member.get(url).status_code == 410
    assert Client().get(url).status_code == 302  # to the login


def test_a_replaced_attachment_serves_the_redacted_version_in_its_place(client, published):
    meeting, item, attachment = published
    redacted = check_content(pdf_bytes("Rapport om [udeladt] ved stien"), "rapport-redigeret.pdf")
    new = case_services.replace_attachment(
        attachment=attachment, upload=redacted, by=system_user(), reason="Artsfund skal ikke offentliggøres"
    )
    assert client.get(f"/oparl/v1/file/{attachment.pk}/download").status_code == 410
    response = client.get(f"/oparl/v1/file/{new.pk}/download")
    assert response.status_code == 200 and b"".join(response.streaming_content) == redacted.content
    assert search(WORD).count == 0 and search("udeladt").count == 1
    assert "Naturrapport" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert AuditEntry.objects.filter(action="attachment.replace", reason__startswith="Artsfund").exists()


def test_withdrawing_needs_a_reason_and_the_secretariat(published):
    meeting, _item, attachment = published
    member = factories.member(meeting.body, role=Role.MEMBER)
    with pytest.raises(rules.Forbidden):
        case_services.withdraw_attachment(attachment=attachment, by=member, reason="Nej")
    with pytest.raises(case_services.ProtokolError, match="begrundelse"):
        case_services.withdraw_attachment(attachment=attachment, by=system_user(), reason="  ")
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_another_bodys_secretariat_can_neither_withdraw_nor_replace(published):
    meeting, _item, attachment = published
    other = factories.body("Økonomiudvalget", org=meeting.body.organization)
    stranger = factories.member(other, role=Role.SECRETARIAT)
    with pytest.raises(rules.Forbidden):
        case_services.withdraw_attachment(attachment=attachment, by=stranger, reason="Forkert fil")
    with pytest.raises(rules.Forbidden):
        case_services.replace_attachment(
            attachment=attachment, upload=check_content(pdf_bytes("Ny"), "ny.pdf"), by=stranger, reason="Ny"
        )
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert not AuditEntry.objects.filter(action__in=["attachment.withdraw", "attachment.replace"]).exists()


def test_withdrawing_from_approved_minutes_is_a_recorded_amendment_and_the_checksum_follows(published):
    meeting, _item, attachment = published
    by = system_user()
    services.mark_held(meeting, by=by)
    services.approve_minutes(meeting, by=by)
    case_services.withdraw_attachment(attachment=attachment, by=by, reason="Forkert bilag")
    meeting.refresh_from_db()
    assert meeting.amendments.get().reason == "Forkert bilag"
    assert services.minutes_match(meeting)


def test_importing_the_document_again_does_not_bring_a_withdrawn_attachment_back(system):
    from protokol.importers.store import store_document
    from protokol.meetings.tests.reference import reference_document

    meeting = store_document(
        reference_document(), by=system, organization="Kalundborg Kommune", source="ref.txt"
    ).meeting
    attachment = Attachment.objects.filter(item__meeting=meeting).first()
    case_services.withdraw_attachment(attachment=attachment, by=system, reason="Personoplysninger")
    store_document(reference_document(), by=system, organization="Kalundborg Kommune", source="ref.txt")
    assert not Attachment.objects.filter(item__meeting=meeting, title=attachment.title).exists()
