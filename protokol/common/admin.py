from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from protokol.common.actors import acting_user
from protokol.common.admin_audit import HIDDEN, AuditedModelAdmin
from protokol.common.audit import log_action
from protokol.common.audit_actions import label_of
from protokol.common.models import AuditEntry

User = get_user_model()


class ActionFilter(admin.SimpleListFilter):
    """Filter by action, offered by its Danish label."""

    title = _("handling")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        # The actions of the entries this admin user may read (meetings.admin scopes them per organisation).
        codes = model_admin.get_queryset(request).order_by().values_list("action", flat=True).distinct()
        return sorted(((code, str(label_of(code))) for code in codes), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the services and never edited."""

    list_display = ["at", "actor_name", "action_label", "object_type", "object_repr", "reason"]
    list_filter = [ActionFilter, "object_type"]
    exclude = ["action"]  # shown by its label
    search_fields = ["object_repr", "actor_name", "reason", "object_id"]
    date_hierarchy = "at"

    def get_readonly_fields(self, request, obj=None):
        return ["action_label"] + [f.name for f in self.model._meta.fields if f.name != "action"]

    @admin.display(description=_("handling"), ordering="action")
    def action_label(self, obj: AuditEntry) -> str:
        return obj.action_label

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
