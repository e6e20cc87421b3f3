"""Who acts in a service call: a logged-in user, or the system user for work nobody logged in to do.

The system user (`protokol.common.users.system_user`) is a row of the user model too, so both are one
type; the audit log names the actor from it.
"""

from typing import TypeAlias

from django.contrib.auth.models import User

Actor: TypeAlias = User
