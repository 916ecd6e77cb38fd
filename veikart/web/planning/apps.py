from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Handlingsplaner og indikatorer"

    def ready(self) -> None:
        from veikart.web.planning import outside_edits

        outside_edits.watch_outside_edits()  # admin and shell edits of plans get an entry too
