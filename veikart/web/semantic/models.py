"""One vector per distinct text (cached by the text's hash), and the background job that fills the cache.

A vector is float32 bytes (veikart.semantic.index.to_bytes). The key is
``veikart.semantic.text_key(text)``, which hashes the model name with the
text: a new model gives every text a new key, so old vectors are never
mixed with new ones. Rows are only added (a vector never changes), so the
newest id is a cheap version of the whole table: each process keeps the
vectors in memory and reads only the rows added since (``matrix.py``).
"""

from __future__ import annotations

from django.db import models

from veikart.web.jobs.models import TrackedJob


class TextVector(models.Model):
    key = models.CharField(max_length=64, unique=True)
    model = models.CharField(max_length=80)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.key[:12]}… ({self.model})"


class EmbeddingJob(TrackedJob):
    """A run of the background task that embeds every text not yet cached (``tasks.embed_texts``)."""

    TASK = "veikart.web.semantic.tasks.embed_texts"

    texts_total = models.PositiveIntegerField(default=0)  # texts without a vector when the run (slice) began
    texts_done = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"embedding {self.pk}: {self.status} {self.texts_done}/{self.texts_total}"
