"""Render the stored reference minutes to PDF and read them back with the importer."""

import pytest

from protokol.common.testing import load_scorer
from protokol.importers.parse import parse_file
from protokol.meetings.tests.reference import reference_document
from protokol.rendering.documents import render_meeting

pytestmark = pytest.mark.django_db


def scored(expected: dict, actual: dict) -> tuple[float, list[str]]:
    checks = load_scorer().score(expected, actual)
    return sum(ok for _, ok in checks) / len(checks), [name for name, ok in checks if not ok]


def test_internal_pdf_reads_back_as_the_reference(reference_meeting, tmp_path):
    path = tmp_path / "internal.pdf"
    path.write_bytes(render_meeting(reference_meeting, edition="internal", fmt="pdf"))
    score, failed = scored(reference_document(), parse_file(path))
    print(f"round trip, internal edition: {score:.3f}; failed: {failed}")
    assert score >= 0.98, failed


def test_public_pdf_keeps_only_the_public_fields_of_the_closed_item(reference_meeting, tmp_path):
    path = tmp_path / "public.pdf"
    path.write_bytes(render_meeting(reference_meeting, edition="public", fmt="pdf"))
    parsed = parse_file(path)
    closed = next(i for i in parsed["items"] if i["number"] == 6)
    # The reference prints the closed item's title for anyone, so that is its public title.
    assert closed["title"] == "Opfølgning på direktionsseminar - temadrøftelse om Direktionens rolle"
    assert closed["public"] is False
    assert not any(closed.get(k) for k in ("case_number", "sections", "attachments", "route"))
    # The one line under the heading is the reason for closing, which the importer reads as its decision.
    assert [d["text"] for d in closed["decisions"]] in ([], ["Begrundelse for lukning: Andet"])
    score, failed = scored(reference_document(), parsed)
    print(f"round trip, public edition: {score:.3f}; failed: {failed}")
    assert score >= 0.98, failed
