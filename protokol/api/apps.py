from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "protokol.api"
    verbose_name = _("Åbne data og API")

    def ready(self) -> None:
        # Deletions anywhere (services, admin, cascades) leave a tombstone for OParl's `deleted: true`.
        from protokol.api import people_tombstones, tombstones

        tombstones.connect()
        people_tombstones.connect()
