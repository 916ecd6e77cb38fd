from django.db import models


class Generation(models.Model):
    """One row: a number bumped after every committed change to content (see the package docstring)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "datagenerasjon"
