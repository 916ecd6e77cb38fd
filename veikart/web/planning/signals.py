"""What the planning app announces, for the apps above it (search indexes measures and indicators; notify
sends e-mail when a reporting period is submitted, approved or sent back)."""

from django.dispatch import Signal

# kwargs: strategy_id (the plan's strategy, or None), action (an Action value). Sent by ``services.record`` in
# the change's transaction.
plan_changed = Signal()

# kwargs: period (ReportingPeriod), by (the user), before (its state before the step). Sent by
# ``reporting._move`` inside the step's transaction; a receiver that sends mail waits for the commit.
period_moved = Signal()
