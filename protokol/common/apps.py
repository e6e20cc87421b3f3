from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "protokol.common"
    verbose_name = _("Fælles")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from protokol.common.users import normalize_new_username

        # However a user is created (admin, createsuperuser, demo, API token), the name is stored normalised.
        pre_save.connect(normalize_new_username, sender=get_user_model(), dispatch_uid="protokol.username")
