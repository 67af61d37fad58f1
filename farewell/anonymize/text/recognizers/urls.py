"""URL: http(s)/ftp links, www.… links and bare domains with a common TLD (example.ru/path, госуслуги.рф).

Not e-mail addresses, and not links to social networks (t.me, vk.com, instagram.com…): those are HANDLEs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import Pattern, PatternRecognizer, strip_trailing_punctuation
from .emails import EMAIL
from .handles import PROFILE_LINK, SOCIAL_HOSTS

_BODY = r"[^\s<>\"«»“”]+"
WITH_SCHEME = re.compile(r"(?<![\w.@/-])(?:https?|ftp)://" + _BODY, re.IGNORECASE)
WITH_WWW = re.compile(r"(?<![\w.@/-])www\.[^\W_][\w-]*\." + _BODY, re.IGNORECASE)
# Lower-case TLDs only ("there.It was" is a missing space, not a domain); no TLD that is a common word.
_TLDS = (
    "ru|su|рф|рус|укр|бел|com|org|net|info|biz|io|ua|by|kz|uz|kg|tj|am|ge|az|md|lv|lt|ee|pl|de|fr|uk|eu|ch|nl|cz|fi|"
    "se|il|tr|tv|onion|online|site|xyz|app|dev|news|pro|club|top|live|space|tech|store|shop|blog|media|press"
)
BARE_DOMAIN = re.compile(
    r"(?<![\w.@/-])(?P<host>(?:[^\W_][\w-]{0,62}\.)+(?-i:" + _TLDS + r"))(?![\w@-])(?::\d{2,5})?(?:[/?#]"
    r"[^\s<>\"«»“”]*)?",
    re.IGNORECASE,
)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?P<host>[^/?#:\s]+)", re.IGNORECASE)


def host_of(url: str) -> str:
    match = _HOST.match(url)
    host = match.group("host").lower() if match else ""
    for prefix in ("www.", "m.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


class UrlRecognizer(PatternRecognizer):
    label = "URL"
    languages = None
    name = "url"
    patterns = (
        Pattern("url-scheme", WITH_SCHEME, 0.95),
        Pattern("url-www", WITH_WWW, 0.9),
        Pattern("url-bare", BARE_DOMAIN, 0.8),
    )

    def find(self, text, language):
        # Spans another recognizer owns: addresses and social-network links.
        owned = [m.span() for m in EMAIL.finditer(text)] + [m.span() for m in PROFILE_LINK.finditer(text)]
        return [
            e for e in super().find(text, language) if not any(e.start < end and start < e.end for start, end in owned)
        ]

    def spans(self, text: str, match: re.Match[str], pattern: Pattern) -> Iterable[tuple[int, int, float]]:
        start, end = match.span()
        end = strip_trailing_punctuation(text, start, end)
        host = host_of(text[start:end])
        if host in SOCIAL_HOSTS or "." not in host:
            return ()
        if pattern.name == "url-bare":
            labels = host.split(".")
            # "8.am", "1.5.ru": the name before the TLD must hold a letter.
            if not any(ch.isalpha() for ch in labels[-2]):
                return ()
        return ((start, end, pattern.score),)
