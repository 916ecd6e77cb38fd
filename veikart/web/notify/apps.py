from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "E-postvarsler"
    name = "veikart.web.notify"
    label = "notify"
    default_auto_field = "django.db.models.BigAutoField"
