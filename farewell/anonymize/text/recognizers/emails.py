"""EMAIL: e-mail addresses, Latin or Cyrillic (почта@пример.рф), and the usual disguises (ivan [at] mail.ru)."""

from __future__ import annotations

import re

from ._base import Pattern, PatternRecognizer

# The local part starts a token (the lookbehind keeps the scan linear); the domain ends with a letters-only TLD.
_LOCAL = r"(?<![\w.%+-])[\w%+-]+(?:\.[\w%+-]+)*"
_DOMAIN = r"[^\W_][\w-]*(?:\.[^\W_][\w-]*)*\.[^\W\d_]{2,24}(?![\w-])"
EMAIL = re.compile(_LOCAL + "@" + _DOMAIN)
# "ivan (at) mail.ru", "ivan [собака] mail.ru", "ivan at mail dot ru" is left out (too many false hits).
OBFUSCATED_EMAIL = re.compile(_LOCAL + r"\s?[\[(<{]\s?(?:at|собака|sobaka|arobase|ат)\s?[\])>}]\s?" + _DOMAIN, re.I)


class EmailRecognizer(PatternRecognizer):
    label = "EMAIL"
    languages = None
    name = "email"
    patterns = (
        Pattern("email", EMAIL, 0.97),
        Pattern("email-disguised", OBFUSCATED_EMAIL, 0.85),
    )
