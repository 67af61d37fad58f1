"""URLs of the reviewer workspace, mounted at /review/."""

from django.urls import path

from farewell.review import views
from farewell.web.sites import REVIEW
from farewell.web.urls import site_patterns

handler404 = "farewell.web.views.not_found"
handler500 = "farewell.web.views.server_error"

urlpatterns = site_patterns(REVIEW.mount, [path("", views.index, name="index")], namespace="review")
