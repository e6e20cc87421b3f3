"""Existing user names stored as login now looks them up: NFKC and case folded (protokol.common.users).

A name whose normalised form another user already holds is left as it is; the login backend still finds
it by the name as typed.
"""

import unicodedata

from django.conf import settings
from django.db import migrations


def _normalized(name: str) -> str:
    # Kept here as it was written, so that this migration does the same whatever the code does later.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).strip()


def normalize_usernames(apps, schema_editor) -> None:
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    users = apps.get_model(app_label, model_name)
    taken = set(users.objects.values_list("username", flat=True))
    for pk, name in users.objects.order_by("pk").values_list("pk", "username"):
        new = _normalized(name)
        if new == name or new in taken or not new:
            continue
        users.objects.filter(pk=pk).update(username=new)
        taken.discard(name)
        taken.add(new)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0002_failedlogin"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(normalize_usernames, migrations.RunPython.noop)]
