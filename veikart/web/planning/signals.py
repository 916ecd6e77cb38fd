"""What the planning app announces, for the apps above it (search indexes measures and indicators)."""

from django.dispatch import Signal

# kwargs: strategy_id (the plan's strategy, or None). Sent by ``services.record`` in the change's transaction.
plan_changed = Signal()
