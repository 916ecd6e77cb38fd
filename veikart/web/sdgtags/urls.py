"""SDG pages in bokmål: /barekraftsmal/, /barekraftsmal/3/, /strategier/<id>/barekraftsmal/ …"""

from django.urls import path

from veikart.web.sdgtags import views

app_name = "sdgtags"

urlpatterns = [
    path("barekraftsmal/", views.index, name="index"),
    path("barekraftsmal/<int:number>/", views.goal, name="goal"),
    path("strategier/<int:strategy_id>/barekraftsmal/", views.profile, name="profile"),
    path("strategier/<int:strategy_id>/barekraftsmal/endre/", views.change, name="change"),
    path("organisasjoner/<slug:slug>/lokale-delmal/", views.local_targets, name="local_targets"),
]
