from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Endringslogg"
    name = "veikart.web.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from veikart.web.audit import receivers
        from veikart.web.strategies.changes import strategy_changed

        # Every change a service announces gets its entry in the audit log, in the change's transaction.
        strategy_changed.connect(receivers.on_strategy_changed, dispatch_uid="veikart.audit.record")
        # …and so does an edit in the admin or a shell, which sends no signal of its own.
        receivers.watch_outside_edits()
