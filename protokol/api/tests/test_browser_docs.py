"""Must show: /api/docs shows the API's operations in Chromium under the site's own Content Security Policy.

django-ninja's Swagger UI loaded its script and stylesheet from a CDN, which the CSP (script-src 'self')
blocks: the page stayed blank. With `ninja` among the installed apps it serves the files it ships as static
files of the site; the CSP is unchanged, and the page must report no violation of it.
"""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser]


@pytest.fixture
def meetings(transactional_db, data_dir):
    from protokol.meetings.tests import factories

    return factories.body("Direktionen")


def test_the_api_documentation_lists_the_operations_under_the_sites_csp(live_server, browser, meetings):
    page = browser.new_page()
    console: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None,
    )
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    response = page.goto(f"{live_server.url}/api/docs")
    assert response is not None and response.status == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "cdn" not in csp and "unsafe" not in csp

    # The meetings endpoint's operation, as Swagger UI draws it from /api/openapi.json.
    operation = page.locator(".opblock-summary-path[data-path='/api/meetings']").first
    # A generous bound: the schema is built on the first request, on a machine that may be busy.
    operation.wait_for(state="visible", timeout=90_000)
    assert "Parser error" not in page.inner_text("#swagger-ui")
    assert page.locator(".opblock").count() >= 15
    assert page.locator(".opblock-get .opblock-summary-path[data-path='/api/items']").count() == 1

    violations = page.evaluate("window.__csp || []")
    assert violations == []
    assert not [line for line in console if "Content Security Policy" in line or line.startswith("error")]
    assert outside == []
    page.close()
