"""Other sites' scripts may call the JSON API at /api/ (OParl sets its own, read-only, headers).

Safe to open to every origin because no ambient credential counts across origins: without
Access-Control-Allow-Credentials a browser neither sends the session cookie with such a request nor shows
the script an answer given for one, so a foreign page reads only what the public may read, and writes
only with an API token it was given and sends itself in the Authorization header.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PREFIX = "/api/"
METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
HEADERS = "Authorization, Content-Type, Accept, Accept-Language"
MAX_AGE = "86400"


class ApiCorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)  # the preflight: answered here, before any view
            response["Access-Control-Allow-Methods"] = METHODS
            response["Access-Control-Allow-Headers"] = HEADERS
            response["Access-Control-Max-Age"] = MAX_AGE
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        return response
