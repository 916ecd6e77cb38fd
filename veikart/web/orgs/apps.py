from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Organisasjoner"
    name = "veikart.web.orgs"
    label = "orgs"
    default_auto_field = "django.db.models.BigAutoField"
