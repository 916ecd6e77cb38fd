from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Strategier"

    def ready(self) -> None:
        from veikart.web.strategies import checks  # noqa: F401  (registers the system checks)
