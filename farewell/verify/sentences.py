"""Sentences of an account with their offsets, and who "he" and "I" are in each of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? … followed by space and a capital or a quote, or at a line break.
BOUNDARY = re.compile(r"(?<=[.!?…])\s+(?=[«\"“(—–-]?[A-ZА-ЯЁÀ-Ý0-9])|\n+")
# Initials and abbreviations that end in a full stop inside a sentence.
NOT_AN_END = re.compile(
    r"(?:\b[A-ZА-ЯЁ]|\bг|\bгг|\bул|\bд|\bст|\bмл|\bср|\bим|\bр|\bт|\bт\.е|Mr|Mrs|Dr|St|Lt|Col|Sgt|No|vs|M)\.$"
)
FIRST_PERSON = re.compile(
    r"(?<!\w)(?:я|мне|меня|мной|мною|мой|моя|моё|мое|мои|моего|моей|моим|моих|I|I'm|I've|I'd|me|my|myself|"
    r"je|j['’]|moi|mon|ma|mes|m['’])(?!\w)"
)
THIRD_PERSON = re.compile(
    r"(?<!\w)(?:он|его|ему|им|нём|нем|него|нему|ним|he|his|him|himself|il|lui|son|sa|ses)(?!\w)", re.IGNORECASE
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def split(text: str) -> list[Sentence]:
    found, start = [], 0
    for boundary in BOUNDARY.finditer(text):
        if boundary.group().strip() == "" and "\n" not in boundary.group():
            if NOT_AN_END.search(text[max(start, boundary.start() - 6) : boundary.start()]):
                continue
        if text[start : boundary.start()].strip():
            found.append(_trimmed(text, start, boundary.start()))
        start = boundary.end()
    if text[start:].strip():
        found.append(_trimmed(text, start, len(text)))
    return found


def _trimmed(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)


def speaks_of_self(text: str, start: int, end: int) -> bool:
    return FIRST_PERSON.search(text, start, end) is not None


def speaks_of_him(text: str, start: int, end: int) -> bool:
    return THIRD_PERSON.search(text, start, end) is not None
