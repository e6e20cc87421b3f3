"""Attachments through the API are checked as the workspace checks uploads: by content, size and text."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from protokol.api.tokens import create_token
from protokol.cases.models import Attachment
from protokol.cases.tests.files import docx_bytes, pdf_bytes
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
