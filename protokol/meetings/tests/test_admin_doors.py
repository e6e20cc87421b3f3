"""Every door of the admin is audited (inline forms, bulk deletes), and the lifecycle is not one of its fields."""

import pytest
from django.urls import reverse

from protokol.common.models import AuditEntry
from protokol.common.tests.admin_forms import shown_form
from protokol.meetings.enums import MeetingStatus, Role
from protokol.meetings.models import BodyMembership, Meeting
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db


def _membership_rows(data: dict) -> dict[str, str]:
    """The membership inline's row prefix ("memberships-0") of each user id."""
    return {
        v: k.removesuffix("-user")
        for k, v in data.items()
        if k.startswith("memberships-") and k.endswith("-user")
    }


def test_an_inline_membership_change_is_audited(admin_client, chef):
    body = factories.body("Direktionen")
    anna = factories.member(body, username="anna")
    url = reverse("admin:meetings_body_change", args=[body.pk])
    data = shown_form(admin_client, url)
    row = _membership_rows(data)[str(anna.pk)]
    assert data[f"{row}-role"] == Role.MEMBER
    data[f"{row}-role"] = Role.SECRETARIAT
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    membership = BodyMembership.objects.get(body=body, user=anna)
    assert membership.role == Role.SECRETARIAT
    entry = AuditEntry.objects.get(
        action="admin.change", object_type="meetings.bodymembership", object_id=str(membership.pk)
    )
    assert (entry.actor, entry.before, entry.after) == (
        chef,
        {"role": Role.MEMBER},
        {"role": Role.SECRETARIAT},
    )


def test_an_inline_membership_added_and_one_deleted_are_audited(admin_client, chef):
    body = factories.body("Direktionen")
    anna = factories.member(body, username="anna")
    bo = factories.user("bo")
    gone = BodyMembership.objects.get(body=body, user=anna)
    url = reverse("admin:meetings_body_change", args=[body.pk])
    data = shown_form(admin_client, url)
    data[f"{_membership_rows(data)[str(anna.pk)]}-DELETE"] = "on"
    data["memberships-TOTAL_FORMS"] = str(int(data["memberships-TOTAL_FORMS"]) + 1)
    data.update({"memberships-1-user": str(bo.pk), "memberships-1-role": Role.SECRETARIAT})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    added = BodyMembership.objects.get(body=body)
    assert added.user == bo
    entry = AuditEntry.objects.get(action="admin.add", object_type="meetings.bodymembership")
    assert (entry.object_id, entry.after["role"], entry.actor) == (str(added.pk), Role.SECRETARIAT, chef)
    assert entry.after["user"] == "bo"
    assert AuditEntry.objects.filter(
        action="admin.delete", object_type="meetings.bodymembership", object_id=str(gone.pk), actor=chef
    ).exists()


def test_a_bulk_delete_of_memberships_is_audited(admin_client, chef):
    body = factories.body("Direktionen")
    factories.member(body, role=Role.SECRETARIAT, username="anna")
    ids = list(BodyMembership.objects.filter(body=body).values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:meetings_bodymembership_changelist"),
        {"action": "delete_selected", "_selected_action": [str(i) for i in ids], "post": "yes"},
    )
    assert response.status_code == 302
    assert not BodyMembership.objects.filter(pk__in=ids).exists()
    logged = AuditEntry.objects.filter(
        action="admin.delete", object_type="meetings.bodymembership", actor=chef
    )
    assert sorted(int(i) for i in logged.values_list("object_id", flat=True)) == sorted(ids)


def test_an_inline_item_edit_is_filed_under_its_meeting(admin_client):
    meeting = factories.meeting()
    item = factories.item(meeting, "Gammel titel")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = shown_form(admin_client, url)
    row = next(k for k, v in data.items() if k.startswith("items-") and k.endswith("-title"))
    data[row] = "Ny titel"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    entry = AuditEntry.objects.get(action="admin.change", object_type="meetings.agendaitem")
    assert (entry.object_id, entry.meeting_id) == (str(item.pk), meeting.pk)
    assert (entry.before, entry.after) == ({"title": "Gammel titel"}, {"title": "Ny titel"})


def test_the_meeting_status_is_read_only_in_the_admin(admin_client):
    meeting = factories.meeting()
    factories.item(meeting, "Punkt")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = shown_form(admin_client, url)
    data.update(
        status=MeetingStatus.MINUTES_PUBLISHED,
        minutes_hash="0" * 64,
        public_minutes_hash="0" * 64,
        approved_body_name="Et andet udvalg",
        location="Byrådssalen",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    meeting.refresh_from_db()
    assert meeting.location == "Byrådssalen"  # the post went through
    assert (
        meeting.status,
        meeting.minutes_hash,
        meeting.public_minutes_hash,
        meeting.approved_body_name,
        meeting.minutes_published_at,
    ) == (MeetingStatus.DRAFT, "", "", "", None)


def test_the_admin_moves_a_meeting_on_only_through_the_lifecycle_services(admin_client, chef):
    ready = factories.meeting()
    factories.item(ready, "Punkt")
    empty = factories.meeting()
    response = admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish_agenda", "_selected_action": [str(ready.pk), str(empty.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    ready.refresh_from_db()
    empty.refresh_from_db()
    assert (ready.status, ready.items.get().number) == (MeetingStatus.AGENDA_PUBLISHED, 1)
    assert AuditEntry.objects.filter(
        action="meeting.agenda_published", meeting_id=ready.pk, actor=chef
    ).exists()
    # The service's own rule refuses an empty agenda, and says so.
    assert empty.status == MeetingStatus.DRAFT
    assert "En dagsorden uden punkter kan ikke udsendes." in response.content.decode()
    # A step out of order is refused by the service as well.
    admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish_minutes", "_selected_action": [str(ready.pk)]},
    )
    assert Meeting.objects.get(pk=ready.pk).status == MeetingStatus.AGENDA_PUBLISHED
