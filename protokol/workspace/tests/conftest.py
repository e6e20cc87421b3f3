import os
from datetime import date, time

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the browser test are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

STANDING = [
    ("Valg af emner til drøftelse med borgmesteren", "end"),
    ("Formidling af Direktionens drøftelser og beslutninger til organisationen", "end"),
    ("Eventuelt", "end"),
]
PASSWORD = "test-password-123"


@pytest.fixture
def org(system):
    from protokol.meetings.tests import factories

    return factories.organization("Fjordby Kommune")


@pytest.fixture
def board(system, org):
    from protokol.meetings import services
    from protokol.meetings.tests import factories

    board = factories.body("Direktionen", org=org, aliases=["Direktion"])
    services.set_standing_items(body=board, items=STANDING, by=system)
    return board


@pytest.fixture
def finance(org):
    from protokol.meetings.tests import factories

    return factories.body("Økonomiudvalget", org=org, aliases=["Økonomiudvalg"])


@pytest.fixture
def secretary(board):
    from protokol.meetings.enums import Role
    from protokol.meetings.tests import factories

    return factories.member(board, role=Role.SECRETARIAT, username="sekretaer")


@pytest.fixture
def member(board):
    from protokol.meetings.tests import factories

    return factories.member(board, username="medlem")


@pytest.fixture
def outsider(finance):
    """The secretary of another body of the same municipality."""
    from protokol.meetings.enums import Role
    from protokol.meetings.tests import factories

    return factories.member(finance, role=Role.SECRETARIAT, username="andet-sekretariat")


@pytest.fixture
def meeting(board, secretary):
    from protokol.meetings import services

    return services.create_meeting(
        body=board, date=date(2030, 6, 3), start_time=time(12, 30), location="Rådhuset", by=secretary
    )


def login(client, user):
    client.force_login(user)
    return client
