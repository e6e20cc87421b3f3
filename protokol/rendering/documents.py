"""A stored meeting as the document dict the renderers take, in the edition asked for."""

from protokol.meetings.editions import internal_edition, public_edition
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import Meeting

EDITIONS = ("public", "internal")


def meeting_document(meeting: Meeting, *, edition: str) -> dict:
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    doc = export_meeting(meeting)
    return internal_edition(doc) if edition == "internal" else public_edition(doc)


def render_meeting(meeting: Meeting, *, edition: str, fmt: str) -> bytes:
    """The agenda or minutes of a meeting as PDF or HTML bytes."""
    doc = meeting_document(meeting, edition=edition)
    if fmt == "pdf":
        from protokol.rendering.pdf import render_pdf

        return render_pdf(doc)
    if fmt == "html":
        from protokol.rendering.html import render_html

        return render_html(doc).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
