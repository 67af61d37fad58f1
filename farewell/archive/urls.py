"""URLs of the archive, mounted at / (Russian), /en/ and /fr/."""

from django.urls import path

from farewell.archive import feeds, views
from farewell.web.sites import ARCHIVE
from farewell.web.urls import site_patterns

handler400 = "farewell.web.views.bad_request"
handler404 = "farewell.web.views.not_found"
handler500 = "farewell.web.views.server_error"

urlpatterns = site_patterns(
    ARCHIVE.mount,
    [
        path("", views.home, name="home"),
        path("page/<int:number>/", views.home, name="home_page"),
        path("theme/<slug:theme>/", views.by_theme, name="theme"),
        path("theme/<slug:theme>/page/<int:number>/", views.by_theme, name="theme_page"),
        path("year/<int:year>/", views.by_year, name="year"),
        path("year/<int:year>/page/<int:number>/", views.by_year, name="year_page"),
        path("language/<slug:language>/", views.by_language, name="language"),
        path("language/<slug:language>/page/<int:number>/", views.by_language, name="language_page"),
        path("search/", views.search_view, name="search"),
        path("t/<str:public_id>/", views.testimony, name="testimony"),
        path("feeds/all.atom", feeds.ArchiveFeed(), name="feed"),
        path("feeds/theme/<slug:theme>.atom", feeds.ArchiveFeed(), name="theme_feed"),
        path("feeds/language/<slug:language>.atom", feeds.ArchiveFeed(), name="language_feed"),
        path("media/<str:name>", views.media, name="media"),
    ],
    namespace="archive",
)
