"""URLs of the intake, mounted at /submit/ (Russian), /submit/en/ and /submit/fr/."""

from django.urls import path

from farewell.intake import inbox_views, views
from farewell.web.sites import INTAKE
from farewell.web.urls import site_patterns

handler400 = "farewell.web.views.bad_request"
handler404 = "farewell.web.views.not_found"
handler500 = "farewell.web.views.server_error"

urlpatterns = site_patterns(
    INTAKE.mount,
    [
        path("", views.landing, name="landing"),
        path("testimony/", views.testimony, name="testimony"),
        path("return/", views.come_back, name="come_back"),
        path("status/", inbox_views.inbox_page, name="status"),
        path("status/reply/", inbox_views.reply, name="reply"),
        path("status/consent/", inbox_views.set_consent, name="consent"),
        path("status/files/<int:attachment_id>/consent/", inbox_views.set_file_consent, name="file_consent"),
        path("status/object/", inbox_views.object_to, name="object"),
        path("status/withdraw/", inbox_views.withdraw, name="withdraw"),
        path("status/preview/<int:rendition_id>/", inbox_views.preview_picture, name="preview_picture"),
        path("leave/", views.leave, name="leave"),
    ],
    namespace="intake",
)
