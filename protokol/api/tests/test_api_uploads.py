"""Attachments through the API are checked as the workspace checks uploads: by content, size and text."""

import base64
import io
import resource
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from protokol.api.tokens import create_token
from protokol.cases.models import Attachment
from protokol.cases.tests.files import docx_bytes, pdf_bytes
from protokol.documents.docx_package import MAX_UNCOMPRESSED_BYTES
from protokol.meetings.tests import factories


@pytest.fixture
def writer(two_bodies):
    a = two_bodies["Direktionen"]
    _token, secret = create_token(name="Acadre", body=a["body"], by=factories.user(is_superuser=True))
    return {"auth": {"HTTP_AUTHORIZATION": f"Bearer {secret}"}, **a}


def _upload(client, writer, item, **fields):
    return client.post(f"/api/items/{item.pk}/attachments/upload", fields, **writer["auth"])


def test_a_multipart_upload_is_stored_with_its_text_and_a_safe_name(client, writer):
    item = writer["draft"].items.get()
    response = _upload(
        client,
        writer,
        item,
        file=SimpleUploadedFile("../../Tids plan.docx", docx_bytes("Tidsplan for havnebad")),
    )
    assert response.status_code == 201, response.content
    stored = Attachment.objects.get(pk=response.json()["id"])
    assert stored.title == "Tids plan" and stored.file_name == "Tids plan.docx"
    assert stored.mime_type.endswith("wordprocessingml.document")
    assert "havnebad" in stored.text
    assert stored.size == len(docx_bytes("Tidsplan for havnebad"))

    titled = _upload(
        client, writer, item, file=SimpleUploadedFile("x.pdf", pdf_bytes("Notat")), title="Notat"
    )
    assert titled.status_code == 201 and titled.json()["title"] == "Notat"


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_stored(client, writer):
    item = writer["draft"].items.get()
    before = Attachment.objects.count()
    disguised = _upload(
        client, writer, item, file=SimpleUploadedFile("notat.pdf", b"<html><script>x</script>")
    )
    assert disguised.status_code == 400 and "PDF" in disguised.json()["message"]
    as_base64 = client.post(
        f"/api/items/{item.pk}/attachments",
        {"title": "Notat", "file_name": "notat.pdf", "content_base64": base64.b64encode(b"%PDF-").decode()},
        content_type="application/json",
        **writer["auth"],
    )
    assert as_base64.status_code == 400
    assert Attachment.objects.count() == before


def test_form_fields_are_text_every_database_stores(client, writer):
    item = writer["draft"].items.get()
    file = SimpleUploadedFile("notat.pdf", pdf_bytes("Notat"))
    response = _upload(client, writer, item, file=file, title="Notat\x00")
    assert response.status_code == 400 and "NUL" in response.content.decode()
    file.seek(0)
    assert _upload(client, writer, item, file=file, title="x" * 501).status_code == 400
    assert not item.attachments.exists()


def test_a_file_over_the_limit_is_refused(client, writer, settings):
    settings.PROTOKOL_ATTACHMENT_MAX_BYTES = 300
    item = writer["draft"].items.get()
    response = _upload(client, writer, item, file=SimpleUploadedFile("stor.pdf", pdf_bytes("x" * 400)))
    assert response.status_code == 400 and "for stor" in response.json()["message"]


def test_an_upload_needs_a_token_for_the_items_body(client, writer, two_bodies):
    other = two_bodies["Økonomiudvalget"]["open"]  # published: the token's user sees it, may not edit it
    before = other.attachments.count()
    file = SimpleUploadedFile("notat.pdf", pdf_bytes("Notat"))
    assert client.post(f"/api/items/{other.pk}/attachments/upload", {"file": file}).status_code == 401
    file.seek(0)
    assert _upload(client, writer, other, file=file).status_code == 403
    assert other.attachments.count() == before


# Zip bombs: real DOCX packages whose word/document.xml is small packed and huge unpacked. Limits are
# asserted on memory, never on time: the web process may grow by at most WORKER_GROWTH_MB, and the child
# that reads the text stays within its own limit.
WORKER_GROWTH_MB = 64


def _bomb(unpacked_bytes: int, chunk: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_bytes("x"))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb,
    ):
        for info in source.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info, source.read(info))
        body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        with bomb.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(body)
            for _ in range(unpacked_bytes // len(chunk) + 1):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


def _upload_measured(client, writer, content: bytes):
    item = writer["draft"].items.get()
    worker_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    response = _upload(client, writer, item, file=SimpleUploadedFile("bombe.docx", content))
    worker_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - worker_before) / 1024
    assert not item.attachments.exists()
    return response, worker_growth_mb


def test_a_zip_bomb_past_the_unpack_limit_is_refused_before_it_is_inflated(client, writer):
    line = b"<w:p><w:r><w:t>" + b" " * (1024 * 1024) + b"</w:t></w:r></w:p>"
    content = _bomb(MAX_UNCOMPRESSED_BYTES + 1024 * 1024, line)
    assert len(content) < 2 * 1024 * 1024  # the size of the bomb the finding was made with
    response, worker_growth_mb = _upload_measured(client, writer, content)
    assert response.status_code == 400 and "ZIP-bombe" in response.json()["message"], response.content
    assert worker_growth_mb < WORKER_GROWTH_MB, f"the worker grew by {worker_growth_mb:.0f} MB"


def test_a_bomb_within_the_unpack_limit_is_read_with_bounded_memory(client, writer, settings):
    settings.PROTOKOL_TEXT_EXTRACTION_MAX_MB = 160
    content = _bomb(24 * 1024 * 1024, b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 1024)  # 700,000 paragraphs
    response, worker_growth_mb = _upload_measured(client, writer, content)
    # Unbounded, the reader reads this file and the upload is stored; bounded, it runs out of memory. (A
    # child's ru_maxrss cannot show the bound: it counts the pages it shared with this process before exec.)
    assert response.status_code == 400 and "hukommelse" in response.json()["message"], response.content
    assert worker_growth_mb < WORKER_GROWTH_MB, f"the worker grew by {worker_growth_mb:.0f} MB"
