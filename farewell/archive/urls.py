"""URLs of the archive, mounted at / (Russian), /en/ and /fr/."""

from django.urls import path

from farewell.archive import views
from farewell.web.sites import ARCHIVE
from farewell.web.urls import site_patterns

handler404 = "farewell.web.views.not_found"
handler500 = "farewell.web.views.server_error"

urlpatterns = site_patterns(
    ARCHIVE.mount,
    [
        path("", views.home, name="home"),
        path("t/<str:public_id>/", views.testimony, name="testimony"),
        path("media/<str:name>", views.media, name="media"),
    ],
    namespace="archive",
)
