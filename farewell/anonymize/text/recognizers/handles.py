"""HANDLE: social-network accounts: Telegram @username, t.me/..., telegram.me/..., vk.com/id123 and vk.com/name,
instagram.com/..., ok.ru/profile/..., facebook.com/..., twitter.com/..., x.com/..., tiktok.com/@...

Any link to one of these hosts with a path is a HANDLE (a profile, a channel or a post all lead to a person);
the URL recognizer leaves these hosts alone, so a link is never found twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import Pattern, PatternRecognizer, strip_trailing_punctuation

SOCIAL_HOSTS = frozenset(
    {
        "t.me",
        "telegram.me",
        "telegram.dog",
        "vk.com",
        "vk.ru",
        "vkontakte.ru",
        "instagram.com",
        "instagr.am",
        "ok.ru",
        "odnoklassniki.ru",
        "facebook.com",
        "fb.com",
        "twitter.com",
        "x.com",
        "tiktok.com",
    }
)
_HOSTS = "|".join(re.escape(host) for host in sorted(SOCIAL_HOSTS, key=len, reverse=True))

PROFILE_LINK = re.compile(
    r"(?<![\w.@/-])(?:https?://)?(?:(?:www|m|mobile)\.)?(?:" + _HOSTS + r")/(?=[\w@+~-])[^\s<>\"«»“”]+",
    re.IGNORECASE,
)
# Telegram: 5-32 characters, a letter first; Instagram also allows dots inside.
AT_USERNAME = re.compile(r"(?<![\w@.])@(?P<name>[A-Za-z][A-Za-z0-9_]{3,31}(?:\.[A-Za-z0-9_]+){0,3})(?![\w@])")
# A dotted "@name.tld" is a domain or the tail of an address, not a handle.
_DOMAIN_TAIL = re.compile(r"\.(?:ru|com|org|net|ua|by|kz|fr|de|info|io|me|рф|su|uk|eu|am|ge)$")


class HandleRecognizer(PatternRecognizer):
    label = "HANDLE"
    languages = None
    name = "handle"
    patterns = (
        Pattern("profile-link", PROFILE_LINK, 0.95),
        Pattern("at-username", AT_USERNAME, 0.9),
    )

    def spans(self, text: str, match: re.Match[str], pattern: Pattern) -> Iterable[tuple[int, int, float]]:
        start, end = match.span()
        if pattern.name == "profile-link":
            end = strip_trailing_punctuation(text, start, end)
            if text[start:end].rstrip("/").endswith(tuple("/" + host for host in SOCIAL_HOSTS)):
                return ()
            return ((start, end, pattern.score),)
        name = match.group("name")
        if _DOMAIN_TAIL.search(name.lower()):
            return ()
        if len(name) < 5:  # 4 letters and a dotted tail are not enough
            return ()
        return ((start, end, pattern.score),)
