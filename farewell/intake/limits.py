"""Floods and codename guessing on the intake: thresholds per session and for everyone, no address.

Each form a submitter sends ("testimony", "reply", "codename") is counted twice:

- in his server-side session: FAREWELL_FLOOD_PER_SESSION_PER_HOUR sendings of each form per clock
  hour; and on the codename form, after FAREWELL_CODENAME_FAILURES_PER_SESSION wrong codenames,
  the session is refused for FAREWELL_CODENAME_LOCK_MINUTES;
- for everyone, in FloodCount rows that every process and host share, per minute:
  FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE, FAREWELL_FLOOD_REPLIES_PER_MINUTE,
  FAREWELL_FLOOD_CODENAME_CHECKS_PER_MINUTE; and once FAREWELL_CODENAME_FAILURES_PER_MINUTE wrong
  codenames were tried in the minute, every codename check waits SLOWDOWN_SECONDS first, and past
  twice that number every check is refused until the next minute.

Dropping the session cookie resets the per-session counters: without an address nothing else
tells two visitors apart. The thresholds for everyone are what bounds a guesser who does that.
A check happens before anything is read or accepted, so what was accepted is never undone.

In a view that receives a form, before anything reads the request body::

    refusal = limits.admit(request, "reply")
    if refusal is not None:
        return limits.try_later(request, refusal)  # 429, Retry-After, intake/try_later.html

A form whose typed text must not be lost renders itself again instead, showing
`refusal.message` (translated; it says when to try again), and returns
`limits.refuse(response, refusal)` (429 and Retry-After). If the form carries files, read its
fields with `limits.fields_without_files(request)` instead of request.POST: the files are read
and dropped (nothing stored, nothing encrypted), and it says how many there were::

    refusal = limits.admit(request, "reply")
    if refusal is not None:
        data, dropped = limits.fields_without_files(request)
        page = render(request, ..., {"text": data.get("text", ""), "refusal": refusal, "files_lost": dropped > 0})
        return limits.refuse(page, refusal)
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import QueryDict, UnreadablePostError
from django.shortcuts import render
from django.utils.translation import ngettext

from farewell.intake.models import FloodCount
from farewell.web.sites import INTAKE

FORMS = ("testimony", "reply", "codename")
WRONG_CODENAME = "wrong_codename"  # the counter of misses, beside the forms' counters
SESSION_COUNTS = "flood"  # {"hour": clock hour, form: sendings in it}
SESSION_FAILURES = "wrong_codenames"
SESSION_LOCKED_UNTIL = "codenames_locked_until"
SLOWDOWN_SECONDS = 2.0

# Why a form was refused (Refusal.reason).
SESSION = "session"
EVERYONE = "everyone"
WRONG_CODENAMES = "wrong_codenames"
GUESSING = "guessing"


def now() -> float:
    """The clock, in seconds (one place for tests to move it)."""
    return time.time()


@dataclass(frozen=True)
class Refusal:
    """A form not accepted now: why, and in how many seconds to try again."""

    reason: str
    retry_after: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))

    @property
    def message(self) -> str:
        """What the submitter reads, in the language of the request."""
        minutes = self.minutes
        if self.reason == SESSION:
            text = ngettext(
                "This form was sent many times from this browser in a short while. "
                "Please try again in %(minutes)d minute.",
                "This form was sent many times from this browser in a short while. "
                "Please try again in %(minutes)d minutes.",
                minutes,
            )
        elif self.reason == WRONG_CODENAMES:
            text = ngettext(
                "Too many wrong codenames were tried in this browser. Please try again in %(minutes)d minute.",
                "Too many wrong codenames were tried in this browser. Please try again in %(minutes)d minutes.",
                minutes,
            )
        elif self.reason == GUESSING:
            text = ngettext(
                "Too many wrong codenames are being tried on this site right now. "
                "Please try again in %(minutes)d minute.",
                "Too many wrong codenames are being tried on this site right now. "
                "Please try again in %(minutes)d minutes.",
                minutes,
            )
        else:
            text = ngettext(
                "More people are sending this form right now than the server accepts. "
                "Please try again in %(minutes)d minute.",
                "More people are sending this form right now than the server accepts. "
                "Please try again in %(minutes)d minutes.",
                minutes,
            )
        return text % {"minutes": minutes}


def admit(request, form: str) -> Refusal | None:
    """Counts one sending of `form` by this session and by everyone; a Refusal when past a
    threshold (then nothing is counted in the session). For "codename" it also applies the
    session's lock and the global slowdown on wrong codenames."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}")
    slow = False
    if form == "codename":
        refusal, slow = _codename_guessing(request)
        if refusal is not None:
            return refusal
    refusal = _session_refusal(request, form)
    if refusal is not None:
        return refusal
    if count_for_everyone(form) > _per_minute(form):
        return Refusal(EVERYONE, _seconds_to_next_minute())
    _count_in_session(request, form)
    if slow:
        time.sleep(SLOWDOWN_SECONDS)  # the same wait for every check, right or wrong
    return None


def count_wrong_codename(request) -> None:
    """A codename check found nothing: one more failure for the session and for everyone."""
    failures = request.session.get(SESSION_FAILURES, 0) + 1
    if failures >= settings.FAREWELL_CODENAME_FAILURES_PER_SESSION:
        request.session[SESSION_LOCKED_UNTIL] = int(now()) + 60 * settings.FAREWELL_CODENAME_LOCK_MINUTES
        failures = 0
    request.session[SESSION_FAILURES] = failures
    count_for_everyone(WRONG_CODENAME)


def refuse(response, refusal: Refusal):
    """Marks any response as a refusal: 429 Too Many Requests, with Retry-After."""
    response.status_code = 429
    response["Retry-After"] = str(refusal.retry_after)
    return response


def try_later(request, refusal: Refusal):
    """The "try again later" page, in the submitter's language."""
    return refuse(render(request, "intake/try_later.html", {"refusal": refusal}), refusal)


class DiscardFiles(FileUploadHandler):
    """Reads the files of a refused form to the end and keeps none: no byte is stored."""

    def __init__(self, request=None):
        super().__init__(request)
        self.discarded = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.discarded += 1

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


def fields_without_files(request) -> tuple[QueryDict, int]:
    """The fields of a refused form, its files read and dropped: (fields, how many files)."""
    discarding = DiscardFiles(request)
    request.upload_handlers = [discarding]
    try:
        return request.POST, discarding.discarded
    except UnreadablePostError:  # the connection broke: nothing to give back
        return QueryDict(), discarding.discarded


def _per_minute(form: str) -> int:
    return {
        "testimony": settings.FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE,
        "reply": settings.FAREWELL_FLOOD_REPLIES_PER_MINUTE,
        "codename": settings.FAREWELL_FLOOD_CODENAME_CHECKS_PER_MINUTE,
    }[form]


def _seconds_to_next_minute() -> int:
    return 60 - int(now()) % 60


def _codename_guessing(request) -> tuple[Refusal | None, bool]:
    """(a refusal, or whether the check must wait): the session's lock, then everyone's misses."""
    locked_until = request.session.get(SESSION_LOCKED_UNTIL)
    if locked_until is not None:
        if locked_until > now():
            return Refusal(WRONG_CODENAMES, math.ceil(locked_until - now())), False
        del request.session[SESSION_LOCKED_UNTIL]
    limit = settings.FAREWELL_CODENAME_FAILURES_PER_MINUTE
    wrong = counted_by_everyone(WRONG_CODENAME)
    if wrong >= 2 * limit:
        return Refusal(GUESSING, _seconds_to_next_minute()), False
    return None, wrong >= limit


def _session_refusal(request, form: str) -> Refusal | None:
    hour, seconds_into = divmod(int(now()), 3600)
    counts = request.session.get(SESSION_COUNTS, {})
    if counts.get("hour") == hour and counts.get(form, 0) >= settings.FAREWELL_FLOOD_PER_SESSION_PER_HOUR:
        return Refusal(SESSION, 3600 - seconds_into)
    return None


def _count_in_session(request, form: str) -> None:
    # A clock hour, not the time of each sending: the session row then tells no more than its
    # expiry time already does.
    hour = int(now()) // 3600
    counts = dict(request.session.get(SESSION_COUNTS, {}))
    if counts.get("hour") != hour:
        counts = {"hour": hour}
    counts[form] = counts.get(form, 0) + 1
    request.session[SESSION_COUNTS] = counts


def _key(counter: str, minute: int) -> str:
    """The row of one counter in one minute, under a key outside the database: a dump shows
    how many, not when."""
    secret = hashlib.blake2b(INTAKE.secret_key.encode(), person=b"flood-minute", digest_size=32).digest()
    return hashlib.blake2b(f"{counter}:{minute}".encode(), key=secret, digest_size=16).hexdigest()


def count_for_everyone(counter: str) -> int:
    """Adds one to this minute's counter, for every process and host; returns its new value."""
    minute = int(now()) // 60
    key = _key(counter, minute)
    with transaction.atomic():
        if not FloodCount.objects.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    FloodCount.objects.create(key=key, counter=counter, count=1)
            except IntegrityError:  # another process made the row first
                FloodCount.objects.filter(key=key).update(count=F("count") + 1)
            else:
                # A new minute: the others' rows go, except its neighbours (hosts' clocks differ).
                kept = [_key(counter, minute + step) for step in (-1, 0, 1)]
                FloodCount.objects.filter(counter=counter).exclude(key__in=kept).delete()
        return FloodCount.objects.values_list("count", flat=True).get(key=key)


def counted_by_everyone(counter: str) -> int:
    """This minute's value of a counter, all processes and hosts together."""
    key = _key(counter, int(now()) // 60)
    return FloodCount.objects.filter(key=key).values_list("count", flat=True).first() or 0
