"""Two people saving the same item at the same moment: one wins, the other is told."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from veikart.web.strategies import edits
from veikart.web.strategies.models import Item


@pytest.mark.django_db(transaction=True)
def test_simultaneous_edits_of_one_item_let_exactly_one_through(draft, alice, dave):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the in-memory test database shares one cache between threads; run with DATABASE_URL")
    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user, text):
        try:
            barrier.wait()
            edits.edit_item(draft, user, item.pk, 1, text)
            outcomes[user.username] = "saved"
        except edits.EditConflict:
            outcomes[user.username] = "conflict"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(u, f"Tekst fra {u.username}.")) for u in (alice, dave)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    item.refresh_from_db()
    assert item.text == f"Tekst fra {winner}." and item.version == 2
