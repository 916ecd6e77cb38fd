from django.utils.translation import gettext_lazy as _

from veikart.web.apps import WebApp


class Config(WebApp):
    verbose_name = _("Drift")
