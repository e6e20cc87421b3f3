"""The one exception a reader or the parser raises for input it cannot use.

It is the document layer's refusal (`protokol.documents.errors.DocumentRefused`) under the importers'
name, so that a refusal while reading a file and one while parsing it are caught as one type.
"""

from protokol.documents.errors import DocumentRefused as ImportRefused

__all__ = ["ImportRefused"]
