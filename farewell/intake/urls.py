"""URLs of the intake, mounted at /submit/ (Russian), /submit/en/ and /submit/fr/."""

from django.urls import path

from farewell.intake import views
from farewell.web.sites import INTAKE
from farewell.web.urls import site_patterns

handler404 = "farewell.web.views.not_found"
handler500 = "farewell.web.views.server_error"

urlpatterns = site_patterns(
    INTAKE.mount,
    [
        path("", views.landing, name="landing"),
        path("testimony/", views.testimony, name="testimony"),
        path("return/", views.come_back, name="come_back"),
        path("status/", views.status, name="status"),
        path("leave/", views.leave, name="leave"),
    ],
    namespace="intake",
)
