from django.contrib import admin
from django.urls import include, path

from protokol.api.rest import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("workspace/", include("protokol.workspace.urls")),
    path("oparl/v1/", include("protokol.api.oparl_urls")),
    path("api/", api.urls),
    path("", include("protokol.portal.urls")),
]
