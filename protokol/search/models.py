from django.db import models


class SearchNode(models.Model):
    """One search index (one web node's DATA_DIR/index), registered when it is first built.

    Every change is written to the outbox once for each registered node, in the change's transaction, so
    each node's index follows the database at its own pace. A node not seen for
    `PROTOKOL_SEARCH_NODE_DAYS` is forgotten with its rows; if it comes back, it registers again and is
    rebuilt from the database.
    """

    created = models.DateTimeField(auto_now_add=True)
    seen = models.DateTimeField(auto_now_add=True)
    host = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=1000, blank=True)

    def __str__(self) -> str:
        return f"search node {self.pk} ({self.host}:{self.path})"


class OutboxEntry(models.Model):
    """A meeting whose searchable content changed and is not yet in one node's index.

    Written in the same transaction as the change; removed once that node's index holds it. A crash
    between commit and indexing leaves the row, and the node's next drain picks it up.
    """

    node = models.ForeignKey(SearchNode, on_delete=models.CASCADE, null=True, related_name="+")
    meeting_id = models.BigIntegerField(db_index=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"meeting {self.meeting_id}"
