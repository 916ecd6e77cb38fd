from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # a test provider: the person's password login is not what the tests are about
def login_page(request):
    if request.method == "POST":
        user = authenticate(request, username=request.POST.get("username"), password=request.POST.get("password"))
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(request.POST.get("next") or "/")
        return HttpResponse("wrong password", status=401)
    return HttpResponse(f'<form method="post"><input name="username"><input name="password" type="password">'
                        f'<input type="hidden" name="next" value="{escape(request.GET.get("next", ""))}"></form>')


urlpatterns = [
    path("login/", login_page),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
