"""The language of a request: Danish, unless the reader chose another in the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a Dane with an English browser
would get the English site. Here only the switch's cookie (set by /i18n/setlang/) counts.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # The language follows a cookie, not Accept-Language: no Vary on the latter.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
