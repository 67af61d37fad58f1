"""Views shared by the sites: error pages that need neither a session nor a CSRF token."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request, reason=""):
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "intake:testimony":
        from farewell.intake.views import testimony_expired

        return testimony_expired(request)
    # The reason names Django internals; the person needs to know what to do instead.
    return render(
        request,
        "farewell/error.html",
        {
            "title": _("The form expired"),
            "message": _(
                "For your safety, forms stop working after a while without activity, or after "
                "you pressed “Leave” in another window. Open the page again and send the form again."
            ),
        },
        status=403,
    )


def _error(request, status: int, title: str, message: str):
    return render(request, "farewell/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    # Django's own would run the CSRF machinery, which needs the session that a request refused
    # this early (a wrong Host header) does not have: it answered 500.
    return _error(request, 400, _("Bad request"), _("The server could not understand this request."))


def not_found(request, exception=None):
    return _error(request, 404, _("Page not found"), _("There is no page at this address."))


def server_error(request):
    message = _(
        "The server could not finish this request. Nothing you had already sent was lost. Please try again later."
    )
    return _error(request, 500, _("Something went wrong"), message)
