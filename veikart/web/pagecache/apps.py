from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Sidebuffer"
    name = "veikart.web.pagecache"
    label = "pagecache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from veikart.web.pagecache.generation import watch_writes

        connection_created.connect(watch_writes, dispatch_uid="veikart.pagecache.watch_writes")
