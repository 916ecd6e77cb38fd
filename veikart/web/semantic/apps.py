from django.apps import AppConfig


class SemanticConfig(AppConfig):
    name = "veikart.web.semantic"
    label = "semantic"
    verbose_name = "Semantiske vektorer"
