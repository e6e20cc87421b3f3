"""An attachment's file, from the workspace or the API: checked by size and by content (never by its
name), and its text for search, read within the importer's limits and in a bounded child process
(cases/extract.py), so that no upload can take a web worker down."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from protokol.cases.extract import TooCostly, Unreadable, extract
from protokol.common.errors import ProtokolError
from protokol.documents.errors import DocumentRefused
from protokol.documents.plain import DOCX, PDF, attachment_type

EXTENSIONS = {PDF: ".pdf", DOCX: ".docx"}


def max_bytes() -> int:
    return settings.PROTOKOL_ATTACHMENT_MAX_BYTES


@dataclass(frozen=True)
class Upload:
    content: bytes
    file_name: str
    mime_type: str
    text: str


def sniff(content: bytes) -> str | None:
    """The MIME type the bytes are (PDF or DOCX), or None."""
    return attachment_type(content)


def extract_text(content: bytes, mime_type: str) -> str:
    """The text of a PDF or DOCX; a file that cannot be read, or only at too high a cost, is refused."""
    kind = EXTENSIONS[mime_type][1:].upper()
    try:
        return extract(content, mime_type)
    except Unreadable as err:
        raise ProtokolError(_("Filen kan ikke læses som %(kind)s.") % {"kind": kind}) from err
    except DocumentRefused as err:
        raise ProtokolError(
            _("Filen kan ikke læses som %(kind)s: %(reason)s.") % {"kind": kind, "reason": str(err)}
        ) from err
    except TooCostly as err:
        raise ProtokolError(
            _("Filen kræver for meget hukommelse eller tid at læse som %(kind)s (ZIP-bombe?).")
            % {"kind": kind}
        ) from err


def _safe_name(name: str, mime_type: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "bilag"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = "".join(c for c in stem if c.isalnum() or c in " -_().æøåÆØÅ").strip() or "bilag"
    return f"{stem[:150]}{EXTENSIONS[mime_type]}"


def read_upload(uploaded) -> Upload:
    """Check an uploaded file (Django's UploadedFile) and read it; ProtokolError says why not."""
    _check_size(uploaded.size)
    return check_content(uploaded.read(), uploaded.name or "")


def _check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise ProtokolError(
            _("Filen er for stor (%(size)s MB); grænsen er %(limit)s MB.")
            % {"size": round(size / 1024 / 1024, 1), "limit": limit // (1024 * 1024)}
        )


def check_content(content: bytes, name: str) -> Upload:
    """A file's bytes, checked as an upload is: a PDF or a DOCX that can be read, within the size limit."""
    _check_size(len(content))
    if not content:
        raise ProtokolError(_("Filen er tom."))
    mime_type = sniff(content)
    if mime_type is None:
        raise ProtokolError(_("Kun PDF- og DOCX-filer kan vedhæftes (filens indhold er ingen af dem)."))
    return Upload(
        content=content,
        file_name=_safe_name(name, mime_type),
        mime_type=mime_type,
        text=extract_text(content, mime_type),
    )
