"""What every page's template may use, from the settings."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {
        # The Danish web accessibility law asks for a link to the statement on every page.
        "accessibility_statement_url": settings.PROTOKOL_ACCESSIBILITY_STATEMENT_URL,
        # The language switch names each language in itself ("Dansk", "English"), untranslated: Django's
        # {% get_available_languages %} translates the names, so a Dane saw "engelsk", an English reader "Danish".
        "site_languages": settings.LANGUAGES,
    }
