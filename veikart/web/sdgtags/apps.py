from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Bærekraftsmål"
    name = "veikart.web.sdgtags"
    label = "sdgtags"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from veikart.web.sdgtags import tasks
        from veikart.web.strategies.changes import strategy_rebuilt

        # After an import or a restore every item is new: propose SDG tags for them (in the task worker).
        strategy_rebuilt.connect(tasks.propose_after_import, dispatch_uid="veikart.sdgtags.propose")
