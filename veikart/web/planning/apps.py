from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "veikart.web.planning"
    label = "planning"
    verbose_name = "Handlingsplaner og indikatorer"
