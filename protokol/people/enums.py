from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    CHAIR = "formand", _("Formand")
    VICE_CHAIR = "naestformand", _("Næstformand")
    MEMBER = "medlem", _("Medlem")
    DEPUTY = "stedfortraeder", _("Stedfortræder")


# The roles that hold a seat; a deputy holds one only when called in for a member.
SEAT_ROLES = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.MEMBER)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Til stede")
    EXCUSED = "excused", _("Afbud")
    ABSENT = "absent", _("Fraværende uden afbud")


class ItemAbsenceKind(models.TextChoices):
    NOT_TAKING_PART = "not_taking_part", _("Deltog ikke i behandlingen")
    ARRIVED_LATE = "arrived_late", _("Ankom efter punktets behandling")
    LEFT_EARLY = "left_early", _("Gik før punktets behandling")


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Imod")
    ABSTAIN = "abstain", _("Undlod at stemme")


class VoteResult(models.TextChoices):
    ADOPTED = "adopted", _("Vedtaget")
    REJECTED = "rejected", _("Forkastet")
