from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Sidebuffer"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from veikart.web.pagecache.generation import watch_writes

        connection_created.connect(watch_writes, dispatch_uid="veikart.pagecache.watch_writes")
