"""A person's choice of notifications: the one write of this part besides the outbox itself."""

from django.db import transaction
from django.utils.translation import gettext as _

from protokol.common.actors import Actor
from protokol.common.audit import log_action
from protokol.common.errors import ProtokolError
from protokol.meetings import rules
from protokol.notifications.models import Kind, Preference
from protokol.people.models import Person


@transaction.atomic
def set_preferences(*, person: Person, by: Actor, **wanted: bool) -> Preference:
    """The person (or an administrator for them) chooses which kinds of e-mail they get."""
    if not (rules.is_admin(by) or (person.user_id is not None and person.user_id == getattr(by, "pk", None))):
        raise rules.Forbidden(_("Du kan kun vælge dine egne underretninger."))
    unknown = set(wanted) - set(Kind.values)
    if unknown:
        raise ProtokolError(_("Ukendte underretninger: %(k)s") % {"k": ", ".join(sorted(unknown))})
    pref, _created = Preference.objects.select_for_update().get_or_create(person=person)
    before = {k: pref.wants(k) for k in Kind.values}
    for kind, value in wanted.items():
        setattr(pref, kind, bool(value))
    pref.save()
    log_action(
        by=by,
        action="notifications.preferences",
        obj=person,
        before=before,
        after={k: pref.wants(k) for k in Kind.values},
    )
    return pref
