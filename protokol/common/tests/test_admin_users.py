"""The user admin: a change of a user's access (superuser, staff, active, password) is in the audit log."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from protokol.common.models import AuditEntry
from protokol.common.tests.admin_forms import shown_form

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "Ny-adgangskode-2031!"


@pytest.fixture
def chef(db):
    return User.objects.create_superuser("chef", "chef@example.org", "pw-for-tests-123")


@pytest.fixture
def admin_client(client, chef):
    client.force_login(chef)
    return client


def test_making_a_user_superuser_and_staff_is_audited(admin_client, chef):
    anna = User.objects.create_user("anna", password="pw-for-tests-123")
    url = reverse("admin:auth_user_change", args=[anna.pk])
    data = shown_form(admin_client, url)
    data.update(is_superuser="on", is_staff="on")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    anna.refresh_from_db()
    assert anna.is_superuser and anna.is_staff
    entry = AuditEntry.objects.get(action="admin.change", object_type="auth.user", object_id=str(anna.pk))
    assert entry.actor == chef
    assert entry.before == {"is_staff": False, "is_superuser": False}
    assert entry.after == {"is_staff": True, "is_superuser": True}


def test_a_user_made_in_the_admin_is_audited_without_the_password(admin_client):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {"username": "bo", "usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    bo = User.objects.get(username="bo")
    entry = AuditEntry.objects.get(action="admin.add", object_type="auth.user", object_id=str(bo.pk))
    assert entry.after["username"] == "bo"
    assert NEW_PASSWORD not in str(entry.after)


def test_setting_a_password_in_the_admin_is_audited_without_it(admin_client, chef):
    anna = User.objects.create_user("anna", password="pw-for-tests-123")
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[anna.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    anna.refresh_from_db()
    assert anna.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.get(action="admin.password", object_id=str(anna.pk))
    assert entry.actor == chef and NEW_PASSWORD not in str(entry.after)


def test_a_bulk_delete_of_users_is_audited(admin_client, chef):
    anna = User.objects.create_user("anna")
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [str(anna.pk)], "post": "yes"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(
        action="admin.delete", object_type="auth.user", object_id=str(anna.pk), actor=chef
    ).exists()


def test_a_change_of_a_groups_permissions_is_audited(admin_client, chef):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Kontor")
    permission = Permission.objects.get(codename="change_bodymembership")
    url = reverse("admin:auth_group_change", args=[group.pk])
    data = shown_form(admin_client, url)
    data["permissions"] = [str(permission.pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(group.permissions.all()) == [permission]
    entry = AuditEntry.objects.get(action="admin.change", object_type="auth.group", object_id=str(group.pk))
    assert (entry.actor, entry.before, entry.after) == (
        chef,
        {"permissions": []},
        {"permissions": [str(permission)]},
    )
