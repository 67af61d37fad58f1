"""Login throttling without addresses: per account (exponential lock) and for all accounts."""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from farewell.accounts.models import LoginThrottle, Reviewer

FREE_FAILURES = 5  # then the account locks for 1, 2, 4 … minutes, at most an hour
MAX_LOCK_MINUTES = 60


def current_minute() -> int:
    return int(time.time() // 60)


def globally_throttled() -> bool:
    limit = settings.FAREWELL_LOGIN_FAILURES_PER_MINUTE
    row = LoginThrottle.objects.filter(minute=current_minute()).first()
    return row is not None and row.failures >= limit


def count_global_failure() -> None:
    minute = current_minute()
    LoginThrottle.objects.get_or_create(minute=minute)
    LoginThrottle.objects.filter(minute=minute).update(failures=F("failures") + 1)
    LoginThrottle.objects.filter(minute__lt=minute - 60).delete()


def locked(reviewer: Reviewer) -> bool:
    return reviewer.locked_until is not None and reviewer.locked_until > timezone.now()


def count_failure(reviewer: Reviewer) -> None:
    reviewer.failed_logins += 1
    if reviewer.failed_logins >= FREE_FAILURES:
        minutes = min(2 ** (reviewer.failed_logins - FREE_FAILURES), MAX_LOCK_MINUTES)
        reviewer.locked_until = timezone.now() + datetime.timedelta(minutes=minutes)
    reviewer.save(update_fields=["failed_logins", "locked_until"])


def clear(reviewer: Reviewer) -> None:
    if reviewer.failed_logins or reviewer.locked_until:
        reviewer.failed_logins, reviewer.locked_until = 0, None
        reviewer.save(update_fields=["failed_logins", "locked_until"])
