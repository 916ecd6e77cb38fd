from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "veikart.web.api"
    label = "api"
    verbose_name = "API"
