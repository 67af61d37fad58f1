"""PHONE: telephone numbers written with spaces, dashes, dots or brackets.

Russia (+7 9xx…, 8 9xx…, 8 (4xx)…), Kazakhstan (+7 7xx…), Armenia (+374), Georgia (+995), Ukraine (+380 and
0xx national), Belarus, Central Asia, France (+33 and 0X XX XX XX XX), and any other +CC number of 8-15 digits.
Without a country prefix a number must have the shape of a national number; a local number (345-67-89) needs a
word such as «телефон» near it. Dates, years, unit numbers and ordinary numbers are refused.
"""

from __future__ import annotations

import re

from farewell.anonymize.text.types import Entity

from ._base import FLAGS, PatternRecognizer, resolve

# Groups of digits joined by at most three separator characters; a separator is mandatory between groups, so
# each digit run is one group and the scan stays linear.
CANDIDATE = re.compile(r"(?<![\w@/#+])(?:\+\s?)?\(?\d+(?:[ \t\u00a0.\-–()]{1,3}\d+)*\)?")
_GROUP = re.compile(r"\d+")
# Country code -> number of digits with the country code, for the countries testimonies mention most.
COUNTRY_LENGTHS = {
    "7": (11,),
    "374": (11,),
    "995": (12,),
    "380": (12,),
    "375": (12,),
    "33": (11,),
    "998": (12,),
    "996": (12,),
    "992": (12,),
    "993": (11,),
    "994": (12,),
    "373": (11,),
    "371": (11,),
    "370": (11,),
    "372": (10, 11),
    "48": (11,),
    "49": (11, 12, 13),
    "90": (12,),
    "972": (11, 12),
    "1": (11,),
    "44": (12,),
}
CONTEXT = re.compile(
    r"\b(?:тел\w*|номер\w*|звон\w*|позвон\w*|дозвон\w*|мобильн\w*|сотов\w*|whats\s?app|viber|вайбер|ватсап\w*|"
    r"телеграм\w*|telegram|phone|call(?:ed)?|mobile|cell|tel|t[ée]l[ée]phone|portable|num[ée]ro|appel\w*)\b",
    FLAGS,
)
# A date: 23.09.2022, 2022-09-23, 23/09/22.
_DATE_SHAPES = {(2, 2, 4), (1, 2, 4), (2, 1, 4), (1, 1, 4), (4, 2, 2), (2, 2, 2)}
_SNILS = re.compile(r"\d{3}-\d{3}-\d{3}[ -]\d{2}")
# «с 10-30», "from 10-30": a time, not a local number.
_BEFORE_TIME = re.compile(r"(?:\bс|\bдо|\bв|\bat|\bfrom|\bà)\s*$", FLAGS)
# Local numbers: 345-67-89, 23-45-67, 555-1234.
_LOCAL_SHAPES = {(3, 2, 2), (2, 2, 2), (3, 3), (1, 2, 2, 2), (3, 4)}


class PhoneRecognizer(PatternRecognizer):
    label = "PHONE"
    languages = None
    name = "phone"
    context = CONTEXT

    def find(self, text: str, language: str) -> list[Entity]:
        found = []
        for candidate in CANDIDATE.finditer(text):
            if _SNILS.fullmatch(candidate[0]):
                continue  # 093-417-552 08 is a SNILS, not an Armenian number
            groups = [
                (m.start() + candidate.start(), m.end() + candidate.start()) for m in _GROUP.finditer(candidate[0])
            ]
            has_plus = candidate[0].startswith("+")
            i = 0
            while i < len(groups):
                best = self._best_from(text, groups, i, has_plus and i == 0)
                if best is None:
                    i += 1
                    continue
                j, score = best
                start, end = self._span(text, candidate, groups, i, j)
                if self.has_context(text, start, end):
                    score += 0.1
                found.append(self.entity(text, start, end, round(min(score, 1.0), 2)))
                i = j + 1
        return resolve(found)

    def _best_from(self, text, groups, i, plus) -> tuple[int, float] | None:
        """The longest run of groups from i that is a phone number (a known country's length first)."""
        fallback = None
        last, count = i, 0  # a number has at most 15 digits: look no further than that
        while last < len(groups) and count + groups[last][1] - groups[last][0] <= 15:
            count += groups[last][1] - groups[last][0]
            last += 1
        for j in range(last - 1, i - 1, -1):
            run = groups[i : j + 1]
            digits = "".join(text[s:e] for s, e in run)
            if len(digits) < 6:
                break  # no phone number is shorter, and the runs only get shorter
            verdict = self._classify(text, run, digits, plus)
            if verdict is None:
                continue
            score, exact = verdict
            if exact:
                return j, score
            if fallback is None:
                fallback = (j, score)
        return fallback

    def _classify(self, text, run, digits, plus) -> tuple[float, bool] | None:
        n = len(digits)
        international = plus or (digits.startswith("00") and not digits.startswith("000"))
        if not international and n not in (6, 7, 9, 10, 11):
            return None  # no national or local number has another length
        shape = tuple(e - s for s, e in run)
        separators = "".join(text[run[k][1] : run[k + 1][0]] for k in range(len(run) - 1))
        if shape in _DATE_SHAPES and separators and set(separators) <= set("./-"):
            return None
        if international:
            number = digits if plus else digits[2:]
            for code in sorted(COUNTRY_LENGTHS, key=len, reverse=True):
                if number.startswith(code):
                    if len(number) in COUNTRY_LENGTHS[code]:
                        return 0.95, True
                    break
            if 8 <= len(number) <= 15:
                return 0.7, False
            return None
        if n == 11 and digits[0] == "8" and digits[1] in "3456789":  # 8 912 …, 8 (495) …, 8 7xx (Kazakhstan)
            return 0.9, True
        if n == 11 and digits[0] == "7" and digits[1] in "3489":  # 7 912 … without the plus
            return 0.8, True
        if n == 10 and digits[0] == "0" and digits[1] != "0":  # France 06 12 34 56 78, Ukraine 050 123 45 67
            return 0.85, True
        if n == 10 and digits[0] == "9" and len(run) >= 2:  # (912) 345-67-89
            return 0.75, True
        if n == 9 and digits[0] == "0" and len(run) >= 2:  # Armenia 091 123456
            return 0.6, True
        if n == 9 and digits[0] == "5" and len(run) >= 3:  # Georgia 555 12 34 56
            return 0.55, True
        if shape in _LOCAL_SHAPES and separators and set(separators) <= set("- "):
            start = run[0][0]
            if self.has_context(text, start, run[-1][1]) and not self._looks_like_time(text, start):
                return 0.6, True
        return None

    @staticmethod
    def _looks_like_time(text: str, start: int) -> bool:
        return bool(_BEFORE_TIME.search(text[max(0, start - 6) : start]))

    @staticmethod
    def _span(text, candidate, groups, i, j) -> tuple[int, int]:
        start, end = groups[i][0], groups[j][1]
        # The "+" and an opening bracket belong to the number; a closing bracket too if one was opened.
        k = start
        while k > candidate.start() and text[k - 1] in "+( ":
            k -= 1
            if text[k] in "+(":
                start = k
        if "(" in text[start:end] and text.count("(", start, end) > text.count(")", start, end):
            close = text.find(")", end, candidate.end())
            if close != -1:
                end = close + 1
        return start, end
