"""Logging that never records a client address, user agent, request line or form data."""

from __future__ import annotations

import logging
import re
import traceback

from django.views.debug import SafeExceptionReporterFilter

IPV4 = r"\b(?:\d{1,3}\.){3}\d{1,3}\b"
IPV6 = r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])"
ADDRESS = re.compile(f"{IPV4}|{IPV6}")
# Django and gunicorn name the request path or line in some messages; paths can carry
# identifiers (a case, a language someone chose), so they are cut from the message.
REQUEST_LINE = re.compile(
    r"(?P<head>(Error handling request|Not Found:|Internal Server Error:|Bad Request:|Forbidden[^:]*:"
    r"|Method Not Allowed[^:]*:|Invalid request from|Invalid HTTP_HOST header:|Error in request))"
    r".*",
    re.DOTALL,
)


def scrub(text: str) -> str:
    text = REQUEST_LINE.sub(lambda m: f"{m.group('head')} [request details withheld]", text)
    return ADDRESS.sub("[address withheld]", text)


def traceback_without_messages(exc_info) -> str:
    """Where the error happened, not what it said: exception messages often quote input."""
    _type, error, tb = exc_info
    lines = ["Traceback (most recent call last):\n", *traceback.format_tb(tb)]
    lines.append(f"{type(error).__module__}.{type(error).__qualname__} (message withheld)")
    return scrub("".join(lines))


class NoClientDataFilter(logging.Filter):
    """Rewrites every record so that no address or request detail reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = traceback_without_messages(record.exc_info)
            record.exc_info = None
        for attribute in ("request", "client_addr", "remote_addr"):
            if hasattr(record, attribute):
                delattr(record, attribute)
        return True


class HideEverythingFilter(SafeExceptionReporterFilter):
    """Error reports show no POST data, request metadata, cookies or local variables."""

    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_safe_request_meta(self, request):
        return {}

    def get_safe_cookies(self, request):
        return {}

    def get_traceback_frame_variables(self, request, tb_frame):
        return []  # local variables hold what people typed
