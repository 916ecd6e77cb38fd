from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Semantiske vektorer"
