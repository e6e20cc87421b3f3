"""Admin edits are audited like every other write: the page's own form, its inline forms and bulk deletes.

Django's admin saves an inline form (a membership on a body's page) and deletes a selection (the
"delete selected" action) without calling `save_model` or `delete_model`, so each of those doors is
audited here too.
"""

from contextlib import suppress
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest

from protokol.common.actors import acting_user
from protokol.common.audit import log_action

# What a password field shows in the log: that it changed, never the value.
HIDDEN = "***"


def _plain(value: Any) -> object:
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(str(v) for v in value)
    return str(value)


def _initial(form: forms.BaseForm, name: str) -> object:
    """The value before the edit, as the object it names where the form holds only its key."""
    value = form.initial.get(name)
    field = form.fields.get(name)
    if (
        value is not None
        and isinstance(field, forms.ModelChoiceField)
        and not isinstance(field, forms.ModelMultipleChoiceField)
        and not isinstance(value, models.Model)
    ):
        with suppress(ValidationError):  # no longer a choice: the key is still the truth
            value = field.to_python(value)
    return value


def form_changes(form: forms.BaseForm) -> tuple[dict[str, object], dict[str, object]]:
    """Before and after of the fields the form changed."""
    before: dict[str, object] = {}
    after: dict[str, object] = {}
    for name in form.changed_data:
        hidden = "password" in name
        before[name] = HIDDEN if hidden else _plain(_initial(form, name))
        after[name] = HIDDEN if hidden else _plain(form.cleaned_data.get(name))
    return before, after


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every write through the admin leaves an audit entry, in the same transaction."""

    def write_audit(self, *, page_object: models.Model, **entry: Any) -> None:
        """One audit entry. `page_object` is the object the admin page is about (for an inline, its parent)."""
        log_action(**entry)

    def save_model(self, request: HttpRequest, obj: models.Model, form, change: bool) -> None:
        before, after = form_changes(form)
        super().save_model(request, obj, form, change)
        self.write_audit(
            page_object=obj,
            by=acting_user(request),
            action="admin.change" if change else "admin.add",
            obj=obj,
            before=before if change else None,
            after=after,
        )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        self.write_audit(page_object=obj, by=acting_user(request), action="admin.delete", obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        # The changelist's actions run outside the admin's own transaction.
        with transaction.atomic():
            for obj in queryset:
                self.write_audit(page_object=obj, by=acting_user(request), action="admin.delete", obj=obj)
            super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        parent = form.instance
        for inline in formset.deleted_forms:
            if inline.instance.pk is not None:  # the deletion clears the key, so it is logged first
                self.write_audit(
                    page_object=parent, by=acting_user(request), action="admin.delete", obj=inline.instance
                )
        super().save_formset(request, form, formset, change)
        forms_by_object = {id(inline.instance): inline for inline in formset.forms}
        for obj in formset.new_objects:
            _before, after = form_changes(forms_by_object[id(obj)])
            self.write_audit(
                page_object=parent, by=acting_user(request), action="admin.add", obj=obj, after=after
            )
        for obj, _fields in formset.changed_objects:
            before, after = form_changes(forms_by_object[id(obj)])
            self.write_audit(
                page_object=parent,
                by=acting_user(request),
                action="admin.change",
                obj=obj,
                before=before,
                after=after,
            )
