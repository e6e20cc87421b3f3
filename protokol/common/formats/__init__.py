"""The dates of the interface in each language (FORMAT_MODULE_PATH): templates name a format
(`|date:"DATE_FORMAT"`) instead of spelling one, so a Danish page says "7. december 2026" and an English
one "7 December 2026". Month names come from Django's catalogues; only the order and punctuation are here.
"""
