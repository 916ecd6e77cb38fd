from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Bakgrunnsjobber"
    name = "veikart.web.jobs"
    label = "jobs"
    default_auto_field = "django.db.models.BigAutoField"
