from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from protokol.common.actors import acting_user
from protokol.common.admin_audit import HIDDEN, AuditedModelAdmin
from protokol.common.audit import log_action
from protokol.common.models import AuditEntry

User = get_user_model()


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the services and never edited."""

    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "reason"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor_name", "reason", "object_id"]
    date_hierarchy = "at"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AuditedUserAdmin(AuditedModelAdmin, UserAdmin):
    """A user's flags (superuser, staff, active), groups and permissions decide access: every change is logged."""

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        with transaction.atomic():
            user = self.get_object(request, unquote(id))
            response = super().user_change_password(request, id, form_url)
            if user is not None and User.objects.filter(pk=user.pk).exclude(password=user.password).exists():
                log_action(
                    by=acting_user(request), action="admin.password", obj=user, after={"password": HIDDEN}
                )
        return response


class AuditedGroupAdmin(AuditedModelAdmin, GroupAdmin):
    """A group's permissions are its members' access."""


for model, model_admin in ((User, AuditedUserAdmin), (Group, AuditedGroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
