"""The acting user for work nobody logged in to do (the command line, imports, demo data)."""

from django.contrib.auth import get_user_model

SYSTEM_USERNAME = "system"


def system_user():
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_active": False, "is_superuser": True, "is_staff": False, "first_name": "protokol"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
