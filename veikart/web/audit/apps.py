from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Endringslogg"

    def ready(self) -> None:
        from veikart.web.audit import receivers
        from veikart.web.strategies.changes import strategy_changed

        # Every change a service announces gets its entry in the audit log, in the change's transaction.
        strategy_changed.connect(receivers.on_strategy_changed, dispatch_uid="veikart.audit.record")
        # …and so does an edit in the admin or a shell, which sends no signal of its own.
        receivers.watch_outside_edits()
