"""Right and wrong codenames take the same time: a statistical test, and proof that it can fail.

Checks of a right codename, a well-formed unknown one and a malformed one are interleaved in a
shuffled order, round after round, so that whatever else loads the machine falls on all three
alike; the statistic is the gap between medians relative to the right codename's median. It is
not an absolute speed: a loaded 2-core machine makes every check slower, not one kind of check.
"""

import random
import statistics
import time

import pytest
from django.test import Client

from farewell.cases import actions
from farewell.cases.models import Case
from farewell.intake import codenames

pytestmark = pytest.mark.django_db

ROUNDS = 25
ATTEMPTS = 3  # a leak must show in every attempt; noise rarely spoils all three
MAX_GAP = 0.15  # skipping one of the two hashes makes a gap near 0.5


@pytest.fixture
def costly_hash(settings):
    """A hash cost at which the two argon2id hashes dominate a check (about 15 ms each here)."""
    settings.FAREWELL_CODENAME_HASH_TIME_COST = 1
    settings.FAREWELL_CODENAME_HASH_MEMORY_KIB = 16 * 1024


@pytest.fixture
def attempts(keys, costly_hash):
    """A right codename, a well-formed one nobody holds, and one that is not a codename at all."""
    _case, codename = actions.do_receive_testimony(story="История", consent="text", language="ru")
    assert actions.find_case_by_codename(codename) is not None  # the case's key pair is in place
    unknown = codenames.generate("ru")
    assert not Case.objects.filter(codename_lookup=codenames.lookup_id(unknown)).exists()
    return {"right": codename, "unknown": unknown, "malformed": "not a codename, only words"}


def timings(check, inputs: dict[str, str], rounds: int = ROUNDS) -> dict[str, list[float]]:
    """Seconds per check of each input, interleaved in a new random order every round."""
    samples = {name: [] for name in inputs}
    order = list(inputs)
    shuffle = random.Random(20260917).shuffle
    for round_number in range(rounds + 1):
        shuffle(order)
        for name in order:
            started = time.perf_counter()
            check(inputs[name])
            elapsed = time.perf_counter() - started
            if round_number:  # the first round warms caches and connections
                samples[name].append(elapsed)
    return samples


def gap(samples: dict[str, list[float]]) -> float:
    """The largest difference of medians from the right codename's, relative to it."""
    reference = statistics.median(samples["right"])
    return max(abs(statistics.median(times) - reference) / reference for times in samples.values())


def leaks(check, inputs) -> bool:
    """Whether the gap stays above MAX_GAP in each of ATTEMPTS measurements (one under it is
    enough to clear the check: noise only ever widens the gap)."""
    return all(gap(timings(check, inputs)) > MAX_GAP for _ in range(ATTEMPTS))


def leaky_find_case_by_codename(text: str):
    """What find_case_by_codename would be without its second hash on a miss."""
    normalized = codenames.normalize(text)
    case = Case.objects.filter(codename_lookup=codenames.lookup_id(normalized)).first()
    if case is None or not codenames.is_well_formed(normalized):
        return None
    _public, private = codenames.submitter_key_pair(normalized, bytes(case.submitter_salt))
    return actions.Returning(case, private)


def test_right_and_wrong_codenames_take_the_same_time_to_check(attempts):
    assert not leaks(actions.find_case_by_codename, attempts)


def test_the_statistic_flags_a_check_that_skips_the_second_hash_on_a_miss(attempts):
    assert leaky_find_case_by_codename(attempts["right"]) is not None
    assert leaky_find_case_by_codename(attempts["unknown"]) is None
    assert leaks(leaky_find_case_by_codename, attempts)


@pytest.fixture
def unlimited(settings):
    """No flood or guessing threshold gets in the way of the measurement."""
    for name in (
        "FAREWELL_FLOOD_CODENAME_CHECKS_PER_MINUTE",
        "FAREWELL_FLOOD_PER_SESSION_PER_HOUR",
        "FAREWELL_CODENAME_FAILURES_PER_MINUTE",
        "FAREWELL_CODENAME_FAILURES_PER_SESSION",
    ):
        setattr(settings, name, 10**9)


def test_the_come_back_page_answers_right_and_wrong_codenames_in_the_same_time(attempts, unlimited, monkeypatch):
    browsers = {name: Client() for name in attempts}
    for browser in browsers.values():
        browser.get("/submit/return/")  # each has its session, as a person who opened the form
    answers = {}

    def post(codename):
        name = next(name for name, value in attempts.items() if value == codename)
        answers[name] = browsers[name].post("/submit/return/", {"codename": codename}).status_code

    assert not leaks(post, attempts)
    assert answers == {"right": 302, "unknown": 200, "malformed": 200}
    monkeypatch.setattr(actions, "find_case_by_codename", leaky_find_case_by_codename)
    assert leaks(post, attempts)  # the page does not hide a check that skips a hash
    assert answers == {"right": 302, "unknown": 200, "malformed": 200}
