"""Who reads a private note: its author, and, where shared, the author's party group in the body. Never
the secretariat, another party, the public, the audit log, search or the export."""

import pytest
from django.test import Client

from protokol.cases import services as case_services
from protokol.cases.tests.files import pdf_bytes
from protokol.cases.uploads import Upload
from protokol.common.errors import ProtokolError
from protokol.common.models import AuditEntry
from protokol.meetings import rules
from protokol.meetings.interchange import export_meeting
from protokol.meetings.tests import factories
from protokol.notes import queries, services
from protokol.notes.models import PrivateNote
from protokol.notes.tests.scene import scene

pytestmark = pytest.mark.django_db


def _readers(s, note):
    users = {"author": s.author, "partner": s.partner, "rival": s.rival, "secretary": s.secretary}
    return {
        name for name, user in users.items() if queries.readable_notes(user, note.item).filter(pk=note.pk)
    }


def test_a_note_is_its_authors_alone_unless_shared_with_the_party_group(system):
    s = scene()
    own = services.write_note(item=s.closed_item, text="Spørg til prisen.", by=s.author)
    shared = services.write_note(
        item=s.closed_item, text="Vi stemmer imod.", share_with_party=True, by=s.author
    )
    assert _readers(s, own) == {"author"}
    assert _readers(s, shared) == {"author", "partner"}  # never list V, never the secretariat
    assert shared.party.letter == "A"


def test_a_member_without_a_party_group_in_the_body_cannot_share(system):
    s = scene()
    with pytest.raises(ProtokolError, match="partigruppe"):
        services.write_note(item=s.open_item, text="x", share_with_party=True, by=s.secretary)
    assert not PrivateNote.objects.exists()


def test_notes_are_written_only_on_what_the_author_may_read(system):
    s = scene()
    outsider = factories.member(factories.body("Kulturudvalget", org=s.body.organization))
    with pytest.raises(rules.Forbidden):
        services.write_note(item=s.closed_item, text="x", by=outsider)
    with pytest.raises(rules.Forbidden):
        services.write_note(item=s.closed_item, attachment=s.closed_attachment, page=1, text="x", by=outsider)
    services.write_note(item=s.open_item, text="ok", by=outsider)  # an open item is anyone's to read
    with pytest.raises(ProtokolError, match="side"):
        services.write_note(item=s.open_item, page=2, text="x", by=s.author)
    with pytest.raises(ProtokolError, match="hører ikke"):
        services.write_note(item=s.open_item, attachment=s.closed_attachment, page=1, text="x", by=s.author)
    with pytest.raises(ProtokolError, match="Skriv"):
        services.write_note(item=s.open_item, text="   ", by=s.author)
    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["ok"]


def test_only_the_author_changes_or_removes_a_note(system):
    s = scene()
    note = services.write_note(item=s.open_item, text="Første udkast.", share_with_party=True, by=s.author)
    with pytest.raises(rules.Forbidden):
        services.edit_note(note=note, text="Overskrevet", by=s.partner)
    with pytest.raises(rules.Forbidden):
        services.remove_note(note=note, by=s.partner)
    services.edit_note(note=note, text="Andet udkast.", share_with_party=False, by=s.author)
    note.refresh_from_db()
    assert (note.text, note.party_id) == ("Andet udkast.", None)
    services.remove_note(note=note, by=s.author)
    assert not PrivateNote.objects.exists()


def test_no_audit_entry_search_document_or_export_holds_a_note(system):
    from protokol.search import outbox
    from protokol.search.query import search

    s = scene()
    before = AuditEntry.objects.count()
    services.write_note(item=s.open_item, text="Mistankeord kvartfinale", by=s.author)
    services.write_note(
        item=s.open_item, attachment=s.open_attachment, page=1, text="Mistankeord semifinale", by=s.author
    )
    assert AuditEntry.objects.count() == before
    outbox.drain()
    assert search("kvartfinale", user=s.author).count == 0
    assert "kvartfinale" not in str(export_meeting(s.meeting))


def test_a_note_on_a_replaced_attachment_stays_and_says_it_belongs_to_the_earlier_version(system):
    s = scene()
    note = services.write_note(
        item=s.open_item, attachment=s.open_attachment, page=2, text="Tjek arealet på side 2.", by=s.author
    )
    upload = Upload(
        content=pdf_bytes("Skitse 2"), file_name="skitse2.pdf", mime_type="application/pdf", text=""
    )
    new = case_services.replace_attachment(
        attachment=s.open_attachment, upload=upload, reason="Rettet areal", by=s.secretary
    )
    note.refresh_from_db()
    assert note.attachment_id == s.open_attachment.pk and note.on_earlier_version
    client = Client()
    client.force_login(s.author)
    page = client.get(f"/workspace/meetings/{s.meeting.pk}/items/{s.open_item.pk}/").content.decode()
    assert "Tjek arealet på side 2." in page and "tidligere udgave" in page
    old = client.get(f"/workspace/attachments/{s.open_attachment.pk}/notes/")
    assert old.status_code == 200 and "Tjek arealet" in old.content.decode()
    # New notes go to the current version; the earlier one takes none.
    client.post(f"/workspace/attachments/{s.open_attachment.pk}/notes/", {"page": 1, "text": "Ny"})
    assert PrivateNote.objects.count() == 1
    assert client.get(f"/workspace/attachments/{new.pk}/notes/").status_code == 200


def test_the_item_page_shows_the_form_and_the_readers_notes_only(system):
    s = scene()
    services.write_note(item=s.closed_item, text="Kun til mig selv", by=s.author)
    url = f"/workspace/meetings/{s.meeting.pk}/items/{s.closed_item.pk}/"
    for user, sees in ((s.author, True), (s.partner, False), (s.rival, False), (s.secretary, False)):
        client = Client()
        client.force_login(user)
        page = client.get(url).content.decode()
        assert ("Kun til mig selv" in page) is sees, user
        assert 'id="noter"' in page
    client = Client()
    client.force_login(s.partner)
    response = client.post(f"{url}notes/", {"text": "Bents egen note", "share": "on"})
    assert response.status_code == 302
    assert _readers(s, PrivateNote.objects.get(text="Bents egen note")) == {"author", "partner"}
