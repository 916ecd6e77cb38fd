from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = "Innstillinger"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from veikart.web.preferences.stored import apply_stored_language

        # Every way of signing in (the login form, single sign-on) ends in django.contrib.auth.login.
        user_logged_in.connect(apply_stored_language, dispatch_uid="veikart.preferences.language")
