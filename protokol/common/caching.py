"""Pages built for a logged-in user are theirs alone: `Cache-Control: private` keeps shared caches (a
proxy, a CDN) from keeping a member's page, closed items and all, and handing it to the next visitor.

`Vary: Cookie`, which Django sets, is not enough: a cache may still store the page and serve it to anyone
with the same cookie header, and many caches ignore Vary altogether.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivateForUsersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Without a session cookie nobody is logged in; asking request.user would load a session for nothing.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                patch_cache_control(response, private=True)
        return response
