from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Brukere og medlemskap"
