"""Reading pages in tests the way a person reads them: by the ids the templates promise."""

from __future__ import annotations

import html
import re


def element_text(page: str, element_id: str) -> str | None:
    match = re.search(rf'id="{re.escape(element_id)}"[^>]*>(.*?)</', page, re.DOTALL)
    return html.unescape(match.group(1)).strip() if match else None


def codename_on(page: str) -> str:
    codename = element_text(page, "codename")
    assert codename, "the receipt page shows no codename"
    return codename


def form_token_on(page: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', page)
    assert match, "the form carries no form token"
    return match.group(1)


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs of the page's forms (CSRF token, form token), as a browser sends them."""
    fields = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    return fields
