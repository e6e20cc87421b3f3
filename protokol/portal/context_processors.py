"""The organisation every page presents: its name in the header and the titles, its logo and colour."""

from django.http import HttpRequest

from protokol.meetings.queries import site_organization

SITE_NAME = "protokol"


def site_name() -> str:
    """The site organisation's name, or "protokol" where the installation has none (or several, unnamed)."""
    org = site_organization()
    return org.name if org else SITE_NAME


def organization(request: HttpRequest) -> dict:
    org = site_organization()
    return {"site_organization": org, "site_name": org.name if org else SITE_NAME}
