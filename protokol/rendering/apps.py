from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RenderingConfig(AppConfig):
    name = "protokol.rendering"
    verbose_name = _("Dokumenter")

    def ready(self) -> None:
        from protokol.common import hooks
        from protokol.rendering import stored

        hooks.on_audit(stored.heard)
