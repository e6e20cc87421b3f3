"""Who acts in a service call: a logged-in user, or the system user for work nobody logged in to do.

The system user (`protokol.common.users.system_user`) is a row of the user model too, so both are one
type, and the audit log names the actor from it. A view passes `acting_user(request)`: the request's
user once login is checked, which is what the type checker cannot see from `request.user` alone.
"""

from typing import TypeAlias

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

Actor: TypeAlias = User


def acting_user(request: HttpRequest) -> Actor:
    """The logged-in user of a request; an anonymous request may not act (its view requires login)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
