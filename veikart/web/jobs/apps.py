from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Bakgrunnsjobber"
    name = "veikart.web.jobs"
    label = "jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A job's failure or a refusal may be a message the web layer wrote (Django's catalogues), not the core's.
        from veikart.i18n import use_fallback
        from veikart.web.messages import django_gettext

        use_fallback(django_gettext)
