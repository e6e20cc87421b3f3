from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "protokol.common"
    verbose_name = _("Fælles")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.db.models.signals import pre_save

        from protokol.common import signin_audit
        from protokol.common.users import normalize_new_username

        # However a user is created (admin, createsuperuser, demo, API token), the name is stored normalised.
        pre_save.connect(normalize_new_username, sender=get_user_model(), dispatch_uid="protokol.username")
        # Logins, logouts and failed logins in the audit log.
        user_logged_in.connect(signin_audit.logged_in, dispatch_uid="protokol.audit.login")
        user_logged_out.connect(signin_audit.logged_out, dispatch_uid="protokol.audit.logout")
        user_login_failed.connect(
            signin_audit.password_login_failed, dispatch_uid="protokol.audit.login_failed"
        )
