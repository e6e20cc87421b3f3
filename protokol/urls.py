from django.contrib import admin
from django.urls import include, path

from protokol.api.rest import api
from protokol.common.throttle import ThrottledAdminAuthenticationForm

# The admin's login is throttled like the workspace's.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("workspace/", include("protokol.workspace.urls")),
    path("oparl/v1/", include("protokol.api.oparl.urls")),
    path("api/", api.urls),
    path("", include("protokol.portal.urls")),
]
