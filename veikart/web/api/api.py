"""The REST API at /api/ (django-ninja): OpenAPI 3 at /api/openapi.json, interactive docs at /api/docs.

The docs page is ninja's Swagger UI from its own static files ("ninja" is an
installed app), so it runs under the site's Content-Security-Policy unchanged.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from veikart.web.api import periods, read, write

DESCRIPTION = """\
Veikart's strategies, action plans, indicators and SDG tags.

Reading needs no token and shows only published and archived strategies (never a draft).
Writing needs `Authorization: Bearer <token>`: a token belongs to one organisation and one role
(editor or admin to write), made by an administrator in the admin or with `manage.py create_api_token`.
It writes measure status, reporting-period assessments (submit with an editor's token, approve or send back
with an administrator's), indicator values and files, and uploads strategy documents (`POST /api/imports`,
then poll the job's `url`).
Lists take `limit` (at most 1000) and `offset` and answer `{"items": [...], "count": N}`.
A refused field is named in `detail[].loc`.
Errors are in the language of `Accept-Language` (`nb`, `nn` or `en`; bokmål by default).
"""

api = NinjaAPI(title="Veikart API", version="1", description=DESCRIPTION, urls_namespace="api")
api.add_router("", write.router)  # read.router, with the write operations added to it
assert write.router is read.router is periods.router


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or _("ikke funnet")}, status=404)
