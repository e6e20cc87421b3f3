from django.db import models


class OutboxEntry(models.Model):
    """A meeting whose searchable content changed and is not yet in the index.

    Written in the same transaction as the change; removed once the index holds it. A crash between
    commit and indexing leaves the row, and the next drain picks it up.
    """

    meeting_id = models.BigIntegerField(db_index=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"meeting {self.meeting_id}"
