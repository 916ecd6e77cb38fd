from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Bakgrunnsjobber"

    def ready(self) -> None:
        # A job's failure or a refusal may be a message the web layer wrote (Django's catalogues), not the core's.
        from veikart.i18n import use_fallback
        from veikart.web.messages import django_gettext

        use_fallback(django_gettext)
