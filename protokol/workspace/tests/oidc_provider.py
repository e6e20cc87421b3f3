"""A real OpenID Connect provider for the login tests: the `oidc-provider` npm package run with Node.

`running_provider` installs it with npm where it is missing (scripts/oidc-test-provider, pinned by its
package-lock.json; `make test` installs it first), starts it on a free loopback port and stops it after.
The test sets the provider's accounts and their groups with `set_accounts`; `login_at_provider` walks the
provider's pages (its login form, its consent) with an HTTP client of its own, as a browser would, and
returns the URL the provider sends the browser back to.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests

from protokol.common.testing import REPO_ROOT

PROVIDER_DIR = REPO_ROOT / "scripts" / "oidc-test-provider"
CLIENT_ID = "protokol"
CLIENT_SECRET = "protokol-test-secret-0123456789"
OTHER_CLIENT_ID = "another-app"
OTHER_CLIENT_SECRET = "another-app-secret-0123456789"


def ensure_installed() -> None:
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider" / "package.json").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, check=True)


@dataclass
class Provider:
    issuer: str

    def set_accounts(self, accounts: dict[str, dict]) -> None:
        """The accounts the provider knows now: {sub: {"groups": [...], "name": ..., "email": ...}}."""
        response = requests.post(f"{self.issuer}/__control/accounts", json=accounts, timeout=10)
        assert response.status_code == 204, response.text


@contextmanager
def running_provider(redirect_uris: list[str], log: Path) -> Iterator[Provider]:
    ensure_installed()
    clients = [
        {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": redirect_uris},
        {"client_id": OTHER_CLIENT_ID, "client_secret": OTHER_CLIENT_SECRET, "redirect_uris": redirect_uris},
    ]
    with log.open("w") as stderr:
        process = subprocess.Popen(
            ["node", "provider.mjs"],
            cwd=PROVIDER_DIR,
            env={"PATH": "/usr/bin:/bin:/usr/local/bin", "OIDC_TEST_CLIENTS": json.dumps(clients)},
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.startswith("READY "), f"the provider did not start: {line!r} {log.read_text()}"
            yield Provider(issuer=line.split()[1])
        finally:
            process.terminate()
            process.wait(timeout=20)


def login_at_provider(authorization_url: str, account: str, back_to: str) -> str:
    """The provider's login and consent for `account`; the URL it then sends the browser to (under back_to)."""
    session = requests.Session()
    url = authorization_url
    for _ in range(12):
        response = session.get(url, allow_redirects=False, timeout=10)
        if response.status_code in (302, 303):
            url = urljoin(url, response.headers["Location"])
            if url.startswith(back_to):
                return url
            continue
        assert response.status_code == 200, (response.status_code, response.text[:500])
        action = re.search(r'<form method="post" action="([^"]+)"', response.text)
        assert action, response.text[:500]
        response = session.post(urljoin(url, action.group(1)), data={"login": account}, allow_redirects=False)
        assert response.status_code in (302, 303), (response.status_code, response.text[:500])
        url = urljoin(url, response.headers["Location"])
        if url.startswith(back_to):
            return url
    raise AssertionError("the provider never sent the browser back")


def code_flow_token(provider: Provider, account: str, client_id: str, secret: str, redirect_uri: str) -> dict:
    """A whole code flow with PKCE as another relying party would run it: the provider's token answer."""
    import base64
    import hashlib
    import secrets
    from urllib.parse import parse_qs, urlencode, urlsplit

    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid profile email groups",
            "state": "s" * 20,
            "nonce": "n" * 20,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    back = login_at_provider(f"{provider.issuer}/auth?{query}", account, redirect_uri)
    code = parse_qs(urlsplit(back).query)["code"][0]
    response = requests.post(
        f"{provider.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": client_id,
            "client_secret": secret,
            "code_verifier": verifier,
        },
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()
