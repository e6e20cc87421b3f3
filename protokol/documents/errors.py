"""The one exception for a file that cannot be read."""


class DocumentRefused(Exception):
    """A document that cannot be read; ``str()`` is one line for the user.

    Everything a reader or library can raise for bad input is turned into this (the importers know it
    as ``ImportRefused``), so that the CLI, the import service and the upload check catch one type and
    show its message as is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
