"""The one exception a reader or the parser raises for input it cannot use."""


class ImportRefused(Exception):
    """A document that cannot be imported; ``str()`` is one line for the user.

    Everything a reader or library can raise for bad input is turned into this, so
    that the CLI and the import service catch one type and show its message as is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
