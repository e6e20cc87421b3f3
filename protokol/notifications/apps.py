from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "protokol.notifications"
    verbose_name = _("Underretninger")

    def ready(self) -> None:
        from protokol.common import hooks
        from protokol.notifications import events

        hooks.on_audit(events.heard)
