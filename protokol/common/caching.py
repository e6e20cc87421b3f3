"""Pages built for a logged-in user are theirs alone: `Cache-Control: private` keeps shared caches (a
proxy, a CDN) from keeping a member's page, closed items and all, and handing it to the next visitor.

`Vary: Cookie`, which Django sets, is not enough: a cache may still store the page and serve it to anyone
with the same cookie header, and many caches ignore Vary altogether.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivateForUsersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A response can depend on the user only where the session was read (which is where Django adds
        # `Vary: Cookie`); asking request.user otherwise would read it, and vary, for nothing.
        session = getattr(request, "session", None)
        if session is not None and session.accessed and request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response
