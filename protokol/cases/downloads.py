"""How an attachment's file is served, the one way for every channel (portal, workspace, API, OParl).

Who may have it is cases/queries.py's answer; this module answers with the file, never sniffed, shown inline
only where the browser renders the type without running anything of it, and with 410 Gone for a file the
asker could have had until it was withdrawn.
"""

import hashlib

from django.http import FileResponse, Http404, HttpResponse, HttpResponseGone
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from protokol.cases.models import Attachment
from protokol.cases.queries import record_copy, visible_attachments, withdrawn_attachment

SAFE_INLINE_TYPES = {"application/pdf", "text/plain", "image/png", "image/jpeg", "image/gif"}


def file_info(att: Attachment) -> dict:
    """What is served for an attachment: the stored file, or else its extracted text as plain text."""
    if att.file:
        return {
            "file_name": att.file_name or att.file.name.rsplit("/", 1)[-1],
            "mime_type": att.mime_type or "application/octet-stream",
            "size": att.size,
            "sha512": att.sha512 or None,
        }
    if att.text:
        data = att.text.encode("utf-8")
        return {
            "file_name": f"bilag-{att.pk}.txt",
            "mime_type": "text/plain",
            "size": len(data),
            "sha512": hashlib.sha512(data).hexdigest(),
        }
    return {"file_name": None, "mime_type": att.mime_type or None, "size": None, "sha512": None}


def has_download(att: Attachment) -> bool:
    return bool(att.file or att.text)


def serve_attachment(att: Attachment, *, download: bool) -> HttpResponseBase:
    """The attachment's file (or its text as plain text), never sniffed, inline only for safe types."""
    info = file_info(att)
    if att.file:
        try:
            handle = att.file.open("rb")
        except FileNotFoundError as err:
            raise Http404 from err
        response: HttpResponseBase = FileResponse(handle, content_type=info["mime_type"])
    elif att.text:
        response = HttpResponse(att.text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    else:
        raise Http404
    inline = not download and info["mime_type"] in SAFE_INLINE_TYPES
    filename = info["file_name"].replace('"', "")
    disposition = content_disposition_header(not inline, filename)
    if disposition is not None:  # none only for an inline file without a name: nothing to say
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    # Nothing in a file runs, even opened in the browser.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def serve_visible_attachment(user, pk: int, *, download: bool, kept_copy: bool = False) -> HttpResponseBase:
    """The file of attachment `pk` if this user may open it; with `kept_copy` (the workspace) a withdrawn
    one's record copy to who may read it; 410 to who could have had it before it was withdrawn."""
    attachment = visible_attachments(user).filter(pk=pk).first()
    if attachment is None and kept_copy:
        attachment = record_copy(user, pk)
    if attachment is None:
        if withdrawn_attachment(user, pk) is not None:
            return HttpResponseGone(_("Bilaget er trukket tilbage."))
        raise Http404
    response = serve_attachment(attachment, download=download)
    if not attachment.public or attachment.withdrawn_at:
        response["Cache-Control"] = "private, no-store"
    return response
