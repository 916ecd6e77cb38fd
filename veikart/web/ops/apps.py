from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "veikart.web.ops"
    label = "ops"
    verbose_name = "Drift / operations"
