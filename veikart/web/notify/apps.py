from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "E-postvarsler"

    def ready(self) -> None:
        # A reporting period submitted, approved or sent back: planning announces it, notify sends the e-mail.
        from veikart.web.notify import notices
        from veikart.web.planning.signals import period_moved

        period_moved.connect(notices.period_moved, dispatch_uid="notify.period_moved")
