"""Pattern recognizers: regexes, context words and checksums for the details a testimony gives away.

`PATTERN_RECOGNIZERS` holds one instance of each; every one has a `label` of `types.LABELS`, the `languages` it
applies to (None: any) and `find(text, language)`, which returns entities with code-point offsets into `text`.
Each recognizer runs all its patterns whatever the language it is given (a Russian paragraph may quote an English
"call sign"); `languages` only says where it has key words to look for.
"""

from __future__ import annotations

from farewell.anonymize.text.types import Recognizer

from .addresses import AddressRecognizer
from .ages import AgeRecognizer
from .callsigns import CallsignRecognizer
from .dates import DateRecognizer
from .documents import IdDocumentRecognizer
from .emails import EmailRecognizer
from .handles import HandleRecognizer
from .military_units import MilitaryUnitRecognizer
from .phones import PhoneRecognizer
from .plates import VehiclePlateRecognizer
from .ranks import RankNameRecognizer
from .urls import UrlRecognizer

PATTERN_RECOGNIZERS: tuple[Recognizer, ...] = (
    MilitaryUnitRecognizer(),
    CallsignRecognizer(),
    PhoneRecognizer(),
    EmailRecognizer(),
    UrlRecognizer(),
    HandleRecognizer(),
    IdDocumentRecognizer(),
    VehiclePlateRecognizer(),
    DateRecognizer(),
    AgeRecognizer(),
    AddressRecognizer(),
    RankNameRecognizer(),
)

__all__ = [
    "PATTERN_RECOGNIZERS",
    "AddressRecognizer",
    "AgeRecognizer",
    "CallsignRecognizer",
    "DateRecognizer",
    "EmailRecognizer",
    "HandleRecognizer",
    "IdDocumentRecognizer",
    "MilitaryUnitRecognizer",
    "PhoneRecognizer",
    "RankNameRecognizer",
    "UrlRecognizer",
    "VehiclePlateRecognizer",
]
