from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Brukere og medlemskap"
    name = "veikart.web.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"
