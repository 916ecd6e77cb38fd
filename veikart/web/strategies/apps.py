from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Strategier"
    name = "veikart.web.strategies"
    label = "strategies"
    default_auto_field = "django.db.models.BigAutoField"
