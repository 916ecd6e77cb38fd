"""Start the test provider: migrate its own SQLite file, make its users and the Veikart client, serve.

    PROVIDER_CONFIG=config.json python -m tests.sso.provider.serve PORT
"""

import os
import sys


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso.provider.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    config = settings.CONFIG
    for person in config["users"]:
        User.objects.create_user(**person)
    client = config["client"]
    Application.objects.create(
        name="Veikart", client_id=client["id"], client_secret=client["secret"], redirect_uris=client["redirect_uri"],
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM, skip_authorization=True,
    )
    run("127.0.0.1", int(sys.argv[1]), get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
