"""The text of a document file (PDF, DOCX), told by content: base layer, used by the attachments
(`cases`: uploads, bounded extraction, the personal-data check) and by the importers' readers.

It knows nothing of protokol's models: bytes in, text (or a refusal with a one-line reason) out.
"""
