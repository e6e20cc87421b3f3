import os

import pytest


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Each test its own DATA_DIR (files, search indexes), so nothing leaks from one test to the next."""
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = settings.DATA_DIR
    return settings.DATA_DIR


@pytest.fixture(autouse=True)
def _no_second_factor_unless_asked(settings):
    """The suite's tests log in with `force_login` and test who may see and do what, not how one logs in:
    for them the second factor (PROTOKOL_REQUIRE_2FA, on by default) is off. The tests of the second
    factor switch it on themselves (workspace/tests/test_second_factor.py), and one test there checks that
    it is on by default and that every workspace page of the authorization matrix asks for it."""
    settings.PROTOKOL_REQUIRE_2FA = False


@pytest.fixture
def system(db):
    from protokol.common.users import system_user

    return system_user()


@pytest.fixture
def reference_meeting(db):
    from protokol.meetings.tests.reference import store_reference_minutes

    return store_reference_minutes()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The page cache (portal.cache) is per process: no page of one test is served in the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def browser():
    """Debian's Chromium driven by Playwright, for the browser tests of every app."""
    from protokol.common.testing import CHROMIUM, CHROMIUM_ARGS

    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def chef(system):
    """An administrator (superuser) besides the system user, for the admin's own pages."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-for-tests-123")


@pytest.fixture
def admin_client(client, chef):
    """The test client logged in as `chef` (where a test module has no admin_client of its own)."""
    client.force_login(chef)
    return client


@pytest.fixture(autouse=True)
def _default_language():
    """A test that switches the language (the site's switch, an English page) leaves Danish behind."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


def _database_kinds() -> list[str]:
    kinds = ["sqlite"]
    if os.environ.get("PROTOKOL_DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        kinds.append("postgresql")
    return kinds


@pytest.fixture(params=_database_kinds())
def database(request, tmp_path):
    """A database of the test's own for `protokol` run in subprocesses, on each database CI runs."""
    from protokol.common.tests.subprocess_db import Database

    db = Database(request.param, tmp_path)
    yield db
    db.drop()


@pytest.fixture(autouse=True, scope="session")
def _every_pdf_validated():
    """Every PDF a test renders is checked by qpdf and pdfinfo as it is made: an error or a warning of
    either fails the test that rendered it (protokol.common.testing.pdf_problems)."""
    from protokol.common.testing import pdf_problems
    from protokol.rendering import pdf

    compile_pdf = pdf._compile

    def checked(*args, **kwargs) -> bytes:
        data = compile_pdf(*args, **kwargs)
        problems = pdf_problems(data)
        assert not problems, "the rendered PDF is not sound:\n" + "\n".join(problems)
        return data

    pdf._compile = checked
    yield
    pdf._compile = compile_pdf
