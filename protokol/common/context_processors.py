"""What every page's template may use, from the settings."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    # The Danish web accessibility law asks for a link to the statement on every page.
    return {"accessibility_statement_url": settings.PROTOKOL_ACCESSIBILITY_STATEMENT_URL}
