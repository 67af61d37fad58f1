"""Sending a testimony through the intake's form, as a browser does (for tests)."""

from __future__ import annotations

from farewell.testing.pages import form_token_on


def send_testimony(client, story: str, *, consent: str = "text", files=(), language: str = "ru"):
    """GET the form, then POST it with its token; returns the response to the POST."""
    path = "/submit/testimony/" if language == "ru" else f"/submit/{language}/testimony/"
    form = client.get(path)
    data = {"story": story, "consent": consent, "form_token": form_token_on(form.content.decode())}
    if files:
        data["files"] = list(files)
    return client.post(path, data)
