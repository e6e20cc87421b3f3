"""Danish by default, whatever the browser asks for; English by the language switch."""

from django.conf import settings


def test_danish_by_default_and_english_by_the_switch(client, reference_meeting):
    assert (settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.mo").exists(), "run `make messages`"
    meeting_url = f"/meetings/{reference_meeting.pk}/"

    # Danish, also for a browser that prefers English.
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="da">' in home and "Dagsordener og referater" in home and "Kommende møder" in home
    meeting = client.get(meeting_url).content.decode()
    assert "Referat: Direktionen" in meeting and "Indhold" in meeting and "Punkt 5" in meeting

    # The switch: a POST to /i18n/setlang/, back to where the reader was.
    response = client.post("/i18n/setlang/", {"language": "en", "next": meeting_url})
    assert response.status_code == 302 and response["Location"] == meeting_url
    meeting = client.get(meeting_url).content.decode()
    assert '<html lang="en">' in meeting
    for english in (
        "Minutes: Direktionen",
        "Contents",
        "Item 5",
        "Skip to content",
        "Search agendas and minutes",
    ):
        assert english in meeting, english
    assert "Referat: Direktionen" not in meeting and "Gå til indhold" not in meeting
    home = client.get("/").content.decode()
    for english in ("Agendas and minutes", "Upcoming meetings", "Recent meetings", "Committees", "Home"):
        assert english in home, english
    # The status enum, translated as well.
    assert "Minutes published" in meeting
    search = client.get("/search/?q=Facebook").content.decode()
    assert "2 results" in search and "Narrow the results" in search

    # And back to Danish.
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert "Dagsordener og referater" in client.get("/").content.decode()
