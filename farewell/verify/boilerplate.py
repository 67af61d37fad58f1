"""Web-page leftovers in pasted press articles (menus, tickers, cookie notices, copyright lines),
masked so that names in "Read more: …" links and tickers are not taken for the article's people.

Masking replaces such lines with spaces of the same length: every offset into the account stays
valid. It works on plain text because that is what reviewers paste; an uploaded HTML page is
turned into text first (accounts.read_account).
"""

from __future__ import annotations

import re

LINE = re.compile(r"[^\n]*")
# Whole lines that are page furniture in the three languages.
FURNITURE = re.compile(
    r"""^\s*(?:
        (?:breaking|live|update|urgent|flash|alerte|direct|срочно|молния|главное)\s*[:|—–-]
      | (?:read|see|watch)\s+(?:more|also)\b | related\b | most\s+read\b | trending\b
      | (?:lire|voir)\s+aussi\b | à\s+lire\s+aussi\b | les\s+plus\s+lus\b | en\s+continu\b
      | читайте\s+также\b | читать\s+также\b | по\s+теме\b | смотрите\s+также\b | ещё\s+по\s+теме\b
      | share\b | partager\b | поделиться\b | subscribe\b | s['’]abonner\b | abonnez-vous\b | подписаться\b
      | подпишитесь\b | sign\s+in\b | log\s+in\b | se\s+connecter\b | войти\b | newsletter\b
      | advertisement\b | publicité\b | реклама\b | sponsored\b
      | ©|\(c\)\s|copyright\b | all\s+rights\s+reserved\b | tous\s+droits\s+réservés\b | все\s+права\s+защищены\b
      | (?:we|this\s+site)\s+uses?\s+cookies\b | cookies?\b.*\b(?:accept|consent)\b | nous\s+utilisons\s+des\s+cookies\b
      | (?:accept|accepter|принять)\b.*cookies? | мы\s+используем\s+(?:файлы\s+)?cookie
      | skip\s+to\s+(?:main\s+)?content\b | aller\s+au\s+contenu\b | перейти\s+к\s+содержани
      | (?:follow\s+us|suivez-nous|мы\s+в\s+соцсетях)\b
      | photo\s*:|фото\s*:|crédit\s+photo\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
SEPARATORS = re.compile(r"\s[|•·›»/]\s")


def is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if FURNITURE.search(stripped):
        return True
    # A menu: several short items split by | • · › (Home | World | Europe | Opinion).
    items = [item for item in re.split(r"\s*[|•·›]\s*", stripped) if item]
    if len(items) >= 3 and SEPARATORS.search(stripped) and all(len(item.split()) <= 3 for item in items):
        return True
    return False


def mask(text: str) -> str:
    """The text with page furniture blanked out, same length, same line breaks."""
    parts = []
    for match in LINE.finditer(text):
        line = match.group()
        parts.append((match.start(), " " * len(line) if is_furniture(line) else line))
    out = list(text)
    for start, line in parts:
        out[start : start + len(line)] = line
    return "".join(out)
