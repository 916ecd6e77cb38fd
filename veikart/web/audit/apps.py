from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Endringslogg"
    name = "veikart.web.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"
