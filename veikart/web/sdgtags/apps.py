from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Bærekraftsmål"
    name = "veikart.web.sdgtags"
    label = "sdgtags"
    default_auto_field = "django.db.models.BigAutoField"
