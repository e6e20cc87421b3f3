import pytest


@pytest.fixture
def system(db):
    from protokol.common.users import system_user

    return system_user()


@pytest.fixture
def reference_meeting(db):
    from protokol.meetings.tests.reference import store_reference_minutes

    return store_reference_minutes()
