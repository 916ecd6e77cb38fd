from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Strategier"
    name = "veikart.web.strategies"
    label = "strategies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from veikart.web.strategies import checks  # noqa: F401  (registers the system checks)
