from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "E-postvarsler"
    name = "veikart.web.notify"
    label = "notify"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A reporting period submitted, approved or sent back: planning announces it, notify sends the e-mail.
        from veikart.web.notify import notices
        from veikart.web.planning.signals import period_moved

        period_moved.connect(notices.period_moved, dispatch_uid="notify.period_moved")
