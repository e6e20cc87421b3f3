"""The free-text participant lists of meetings become attendance of persons, and members' signatures
become persons' signatures (without a checksum: they were not bound to a text then).

Persons are matched by name within the organisation; where none matches, one is made. A signing
user becomes a person linked to that user."""

from django.db import migrations


def _person(Person, cache, organization_id, name, user=None):
    key = (organization_id, name.strip().casefold())
    if key not in cache:
        found = list(Person.objects.filter(organization_id=organization_id, name__iexact=name.strip())[:2])
        if len(found) == 1:
            cache[key] = found[0]
        else:
            cache[key] = Person.objects.create(organization_id=organization_id, name=name.strip())
    person = cache[key]
    if user is not None and person.user_id is None and not Person.objects.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user"])
    return person


def carry_over(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    MinutesSignature = apps.get_model("meetings", "MinutesSignature")
    Person = apps.get_model("people", "Person")
    Attendance = apps.get_model("people", "Attendance")
    Signature = apps.get_model("people", "Signature")
    cache = {}
    for meeting in Meeting.objects.select_related("body").exclude(participants=[], absent=[]).iterator():
        org = meeting.body.organization_id
        rows = [(name, "present") for name in meeting.participants or []]
        rows += [(name, "excused") for name in meeting.absent or []]
        seen = set()
        for position, (name, status) in enumerate(rows):
            if not isinstance(name, str) or not name.strip():
                continue
            person = _person(Person, cache, org, name)
            if person.pk in seen:
                continue
            seen.add(person.pk)
            Attendance.objects.create(
                meeting=meeting, person=person, status=status, role="medlem", position=position
            )
    for signature in MinutesSignature.objects.select_related("meeting__body", "user").iterator():
        user = signature.user
        name = f"{user.first_name} {user.last_name}".strip() or user.username
        existing = Person.objects.filter(user=user).first()
        person = existing or _person(Person, cache, signature.meeting.body.organization_id, name, user=user)
        carried, _ = Signature.objects.get_or_create(
            meeting=signature.meeting, person=person, digest="", defaults={"by": user}
        )
        Signature.objects.filter(pk=carried.pk).update(at=signature.at)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("meetings", "0003_closed_item_public_fields"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
