from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Innstillinger"
    name = "veikart.web.preferences"
    label = "preferences"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from veikart.web.preferences.stored import apply_stored_language

        # Every way of signing in (the login form, single sign-on) ends in django.contrib.auth.login.
        user_logged_in.connect(apply_stored_language, dispatch_uid="veikart.preferences.language")
