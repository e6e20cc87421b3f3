"""The one error type for refused business rules and bad input: its message is for the user."""


class ProtokolError(Exception):
    """A rule or an input check said no; nothing was changed."""


class NotFound(ProtokolError):
    """The thing asked for does not exist (or is not visible to the one asking)."""


class Conflict(ProtokolError):
    """Someone else changed the object since it was read."""
