"""The admin: lists work, edits are audited, approved minutes are read-only there too."""

import pytest
from django.urls import reverse

from protokol.common.models import AuditEntry
from protokol.meetings import services
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, system):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-for-tests-123")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "model", ["meeting", "agendaitem", "body", "organization", "decision", "bodymembership", "amendment"]
)
def test_meetings_lists_render_with_filters(admin_client, reference_meeting, model):
    response = admin_client.get(reverse(f"admin:meetings_{model}_changelist"), {"q": "Facebook"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["case", "attachment"])
def test_cases_lists_render(admin_client, reference_meeting, model):
    assert admin_client.get(reverse(f"admin:cases_{model}_changelist"), {"q": "326"}).status_code == 200


def test_audit_log_is_read_only(admin_client, reference_meeting):
    entry = AuditEntry.objects.first()
    assert admin_client.get(reverse("admin:common_auditentry_changelist")).status_code == 200
    response = admin_client.post(reverse("admin:common_auditentry_change", args=[entry.pk]), {"action": "x"})
    assert response.status_code == 403


def test_an_admin_edit_is_audited(admin_client, system):
    item = factories.item(factories.meeting(), "Gammel titel")
    url = reverse("admin:meetings_agendaitem_change", args=[item.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(title="Ny titel", meeting=item.meeting_id, position=0, version=1)
    for prefix in ("route_steps", "sections", "decisions", "attachments"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.get(action="admin.change", object_id=str(item.pk))
    assert entry.before["title"] == "Gammel titel" and entry.after["title"] == "Ny titel"
    assert entry.actor.username == "chef"


def test_approved_minutes_cannot_be_changed_in_the_admin(admin_client, reference_meeting):
    item = reference_meeting.items.get(number=5)
    url = reverse("admin:meetings_agendaitem_change", args=[item.pk])
    response = admin_client.post(url, {"title": "Stille ændring"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Kalundborg Kommune på Facebook"
    decision = item.decisions.get()
    assert (
        admin_client.post(
            reverse("admin:meetings_decision_delete", args=[decision.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert services.minutes_digest(reference_meeting) == reference_meeting.minutes_hash


def test_a_decision_saved_in_the_admin_is_sanitised(admin_client, system):
    from protokol.common.tests.test_richtext import assert_inert

    item = factories.item(factories.meeting(), "Punkt")
    decision = services.record_decision(item=item, text="Godkendt.", by=system)
    url = reverse("admin:meetings_decision_change", args=[decision.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(item=item.pk, text='<p onclick="alert(1)"><b>Godkendt</b><script>alert(1)</script></p>')
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    decision.refresh_from_db()
    assert_inert(decision.text)
    assert decision.text == "<p><b>Godkendt</b></p>"
