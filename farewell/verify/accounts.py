"""Reading an account: its text as the engine sees it (furniture masked), its kind and its date."""

from __future__ import annotations

import re
from pathlib import Path

from farewell.verify import boilerplate
from farewell.verify.types import Account

MAX_BYTES = 4 * 1024 * 1024  # a long testimony is ~100 KB; the platform takes accounts of 2 MB at most
KINDS = ("testimony", "answers", "interview", "press", "other")
FIRST_PERSON = re.compile(r"(?<!\w)(?:я|мне|меня|мной|мой|моя|моё|мои|I|I'm|I've|me|my|je|j['’]|moi|mon|ma|mes)(?!\w)")
QA_LINE = re.compile(r"^\s*(?:Q|A|Question|Answer|Réponse|Вопрос|Ответ|В|О)\s*[:.—–-]", re.MULTILINE)
# A date line at the top: "Date: 2023-03-14", «Дата: 14.03.2023», or a press dateline "PARIS, 14 March 2023 —".
HEADER_DATE = re.compile(r"^(?:date|дата|le|publié le|published|опубликовано)\s*:?\s*(?P<date>.+)$", re.IGNORECASE)
ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
DOTTED = re.compile(r"\b(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)\b")
KIND_IN_NAME = re.compile(r"(?:^|[-_.\d])(testimony|answers|interview|press)(?:[-_.]|$)")


def kind_of(name: str, text: str) -> str:
    """The account's kind from its file name (`3-interview.en.txt`), else from its shape."""
    found = KIND_IN_NAME.search(Path(name).name.lower())
    if found:
        return found.group(1)
    if len(QA_LINE.findall(text)) >= 2:
        return "interview"
    words = max(len(text.split()), 1)
    return "testimony" if len(FIRST_PERSON.findall(text)) / words > 0.01 else "press"


def first_person(kind: str) -> bool:
    return kind in ("testimony", "answers", "interview")


def date_of(text: str) -> str | None:
    """The account's own date, when its first lines carry one (a header or a press dateline)."""
    head = "\n".join(text.splitlines()[:8])
    for line in head.splitlines():
        stripped = line.strip()
        header = HEADER_DATE.match(stripped)
        dateline = re.match(r"^[A-ZА-ЯЁ][\w .'-]{1,40},\s+(?P<date>.{6,40}?)\s*[—–-]", stripped)
        for candidate in (header, dateline):
            if candidate:
                value = _full_date(candidate.group("date"))
                if value:
                    return value
    return None


def _full_date(text: str) -> str | None:
    from farewell.verify import dates

    for pattern in (ISO, DOTTED):
        found = pattern.search(text)
        if found:
            y, m, d = int(found["y"]), int(found["m"]), int(found["d"])
            if 1 <= m <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{m:02d}-{d:02d}"
    for language in ("ru", "en", "fr"):
        for mention in dates.find_dates(text, language):
            if len(mention.value) == 10 and not mention.relative:
                return mention.value
    return None


def read_account(path: Path) -> Account:
    """A file as an account: UTF-8 (a BOM is not text), HTML turned to text. Raises ValueError
    with a reason a person can act on."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB: one account is a text, not an archive")
    data = path.read_bytes()
    if b"\x00" in data:
        raise ValueError("not a text file (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (byte {error.start})") from None
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    if not text.strip():
        raise ValueError("empty: there is no text to verify")
    return Account(name=str(path), text=text, date=date_of(text), kind=kind_of(str(path), text))


def html_to_text(html: str) -> str:
    """The visible text of a saved web page, one block per line (scripts, styles and navigation out)."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several kinds on broken pages
        raise ValueError("not a readable HTML page") from None
    for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    blocks = []
    for element in tree.iter("h1", "h2", "h3", "h4", "p", "li", "blockquote", "td", "time"):
        line = " ".join(element.text_content().split())
        if line:
            blocks.append(line)
    return "\n\n".join(blocks)


def masked(account: Account) -> str:
    return boilerplate.mask(account.text)
