"""All three sites' URLs together, for reversing outside a request (commands, tests, links
between sites). Requests are routed by SiteMiddleware to their own site's URL configuration."""

from farewell.archive.urls import urlpatterns as archive
from farewell.intake.urls import urlpatterns as intake
from farewell.review.urls import urlpatterns as review

handler400 = "farewell.web.views.bad_request"
handler404 = "farewell.web.views.not_found"
handler500 = "farewell.web.views.server_error"

urlpatterns = intake + review + archive  # the archive's mount (/) comes last
