"""Reading PDF, DOCX, HTML and text minutes into the interchange format ``protokol/meeting@1``.

``readers`` turn a file into :class:`~protokol.importers.lines.Line` objects (text plus layout
hints); ``parse`` reads the genre (items, sections, decisions) from those lines.
"""
