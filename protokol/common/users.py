"""User names, and the acting user for work nobody logged in to do (the command line, imports, demo data).

A user name is one name however it is typed: NFKC (a fullwidth "ｉ" is an "i") and case folded
("Direktoer" is "direktoer"). Names are stored so (`normalize_username`, on creation and at the data
migration of existing users), looked up so at login (`UsernameBackend`), and counted so by the login
throttle, so that no look-alike of a name gets attempts of its own.
"""

import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

SYSTEM_USERNAME = "system"


def normalize_username(name: str) -> str:
    # Folding case can leave a string that NFKC would write otherwise; normalise again after it.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).strip()


class UsernameBackend(ModelBackend):
    """Django's model backend, finding the user by the normalised name.

    A user whose name the data migration left as it was (its normalised form belonged to another user)
    is found by that name typed exactly (after NFKC, as Django does); any other spelling finds the user
    holding the normalised name.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        key = normalize_username(username)
        typed = user_model.normalize_username(username)
        found = {
            u.get_username(): u
            for u in user_model._default_manager.filter(**{f"{user_model.USERNAME_FIELD}__in": {key, typed}})
        }
        user = found.get(typed) or found.get(key)
        if user is None:
            user_model().set_password(password)  # as long as a wrong password takes (Django's own guard)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def normalize_new_username(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    """pre_save of the user model: a new user's name, or a name being changed, is stored normalised."""
    if raw or (update_fields is not None and instance.USERNAME_FIELD not in update_fields):
        return
    name = normalize_username(instance.get_username())
    if instance._state.adding:
        setattr(instance, instance.USERNAME_FIELD, name)
        return
    # An existing user keeps a name the migration could not normalise (another user holds its form).
    taken = type(instance)._default_manager.filter(**{instance.USERNAME_FIELD: name}).exclude(pk=instance.pk)
    if not taken.exists():
        setattr(instance, instance.USERNAME_FIELD, name)


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
