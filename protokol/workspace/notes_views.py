"""A member's private notes, on an item and on the pages of its attachments (protokol.notes)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from protokol.cases.models import Attachment
from protokol.common.actors import acting_user
from protokol.common.errors import ProtokolError
from protokol.meetings import rules
from protokol.meetings.models import AgendaItem
from protokol.notes import queries, services
from protokol.notes.models import PrivateNote
from protokol.workspace.notes_forms import NoteForm
from protokol.workspace.views import _item, _meeting, _refused, _visible_attachments


def _item_url(item: AgendaItem) -> str:
    return reverse("workspace:item", args=[item.meeting_id, item.pk]) + "#noter"


def _attachment_url(attachment: Attachment) -> str:
    return reverse("workspace:attachment_notes", args=[attachment.pk])


def _readable_attachment(request: HttpRequest, pk: int) -> Attachment:
    """An attachment (current or an earlier version) of an item whose content the reader may read."""
    attachment = get_object_or_404(Attachment.all_objects.select_related("item"), pk=pk)
    meeting = _meeting(request, attachment.item.meeting_id)
    item = _item(request, meeting, attachment.item_id)
    current = _visible_attachments(request.user, item)
    if attachment not in current and not (
        attachment.withdrawn_at is not None
        and queries.readable_notes(request.user, item).filter(attachment=attachment).exists()
    ):
        raise Http404(_("Bilaget findes ikke."))
    return attachment


def _save(request: HttpRequest, item: AgendaItem, attachment: Attachment | None, back: str) -> HttpResponse:
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(back)
    try:
        services.write_note(
            item=item,
            attachment=attachment,
            page=form.cleaned_data["page"] if attachment else None,
            text=form.cleaned_data["text"],
            share_with_party=form.cleaned_data["share"],
            by=acting_user(request),
        )
    except rules.Forbidden as err:
        return _refused(request, err, back)
    except ProtokolError as err:
        messages.error(request, str(err))
    else:
        messages.success(
            request,
            _("Noten er gemt. Kun du kan læse den.")
            if not form.cleaned_data["share"]
            else _("Noten er gemt og delt med din partigruppe."),
        )
    return redirect(back)


@login_required
@require_POST
def item_note_new(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, _meeting(request, pk), item_pk)
    return _save(request, item, None, _item_url(item))


@login_required
def attachment_notes(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _readable_attachment(request, pk)
    item = attachment.item
    back = _attachment_url(attachment)
    if request.method == "POST":
        if attachment.withdrawn_at is not None:
            messages.error(
                request, _("Bilaget er erstattet eller trukket tilbage; skriv noten til den gældende udgave.")
            )
            return redirect(back)
        return _save(request, item, attachment, back)
    notes = list(queries.readable_notes(request.user, item).filter(attachment=attachment))
    pages: dict[int | None, list[PrivateNote]] = {}
    for note in notes:
        pages.setdefault(note.page, []).append(note)
    context = {
        "meeting": item.meeting,
        "item": item,
        "attachment": attachment,
        "pages": sorted(pages.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0)),
        "form": NoteForm(initial={"page": request.GET.get("page") or 1}),
        "can_share": queries.party_group(request.user, item.meeting.body) is not None,
    }
    return render(request, "workspace/attachment_notes.html", context)


@login_required
@require_POST
def note_remove(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(
        PrivateNote.objects.select_related("item", "attachment"), pk=pk, author=request.user
    )
    back = _attachment_url(note.attachment) if note.attachment else _item_url(note.item)
    services.remove_note(note=note, by=acting_user(request))
    messages.success(request, _("Noten er slettet."))
    return redirect(back)
