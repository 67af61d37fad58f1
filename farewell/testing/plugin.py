"""pytest plugin: the environment the suite runs in, set before Django reads its settings.

pytest-django loads the settings before any conftest.py is imported, so the variables are
set here, in a plugin named by `-p` in pyproject.toml. Hash and KDF costs are cheap, as in
every project that tests password hashing; bench/ measures the real costs.
"""

from __future__ import annotations

import os
import tempfile

import pytest

TEST_ENVIRONMENT = {
    "FAREWELL_INTAKE_SECRET_KEY": "test-intake-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "FAREWELL_REVIEW_SECRET_KEY": "test-review-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "FAREWELL_PEPPER": "test-pepper-0123456789abcdefghijklmnopqrstuvwxyz",
    "FAREWELL_OPERATOR_SECRET": "test-operator-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "FAREWELL_AUDIT_KEY": "test-audit-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "FAREWELL_CODENAME_HASH_TIME_COST": "1",
    "FAREWELL_CODENAME_HASH_MEMORY_KIB": "64",
    "FAREWELL_KDF_TIME_COST": "1",
    "FAREWELL_KDF_MEMORY_KIB": "64",
    "FAREWELL_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "FAREWELL_HTTPS": "false",
}


REQUESTED_DATABASE = "FAREWELL_TEST_DATABASE_URL"


def _configure_environment() -> None:
    from farewell.cli import SINGLE_THREADED_MATH

    for variable in SINGLE_THREADED_MATH:
        os.environ.setdefault(variable, "1")
    # Read before the sweep below, which removes every FAREWELL_ variable (it once ran first, and
    # the PostgreSQL pass silently ran on SQLite: pytest_sessionstart now checks the engine).
    database = os.environ.get("FAREWELL_TEST_DATABASE_URL")
    for name in [name for name in os.environ if name.startswith("FAREWELL_")]:
        del os.environ[name]  # an operator's own settings must not leak into the suite
    os.environ.update(TEST_ENVIRONMENT)
    os.environ["FAREWELL_DATA_DIR"] = tempfile.mkdtemp(prefix="farewell-test-")
    if database:
        os.environ[REQUESTED_DATABASE] = database
        os.environ["DATABASE_URL"] = database
    else:
        os.environ.pop("DATABASE_URL", None)


_configure_environment()


def pytest_addoption(parser):
    parser.addoption(
        "--db-only",
        action="store_true",
        help="run only the tests that use the database (the suite's second pass, on PostgreSQL)",
    )


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}


def uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DB_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--db-only"):
        return
    selected = [item for item in items if uses_database(item)]
    deselected = [item for item in items if not uses_database(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
    items[:] = selected


def pytest_sessionstart(session):
    """The suite runs on the database it was asked for, or not at all."""
    from django.conf import settings

    wanted = os.environ.get(REQUESTED_DATABASE)
    engine = settings.DATABASES["default"]["ENGINE"]
    if wanted and wanted.startswith("postgres") and "postgresql" not in engine:
        raise pytest.UsageError(f"{REQUESTED_DATABASE} asks for PostgreSQL but the suite would run on {engine}")


def pytest_report_header(config):
    from django.conf import settings

    return f"farewell: database {settings.DATABASES['default']['ENGINE']}, data dir {settings.DATA_DIR}"


@pytest.fixture(autouse=True)
def _language_reset():
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty page cache: generation numbers restart with each test's
    database, so a page another test cached could otherwise answer."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _own_audit_head(request, tmp_path_factory):
    """Each test gets its own audit head file: one a committing test wrote must not make the next
    test's (flushed) chain look cut short."""
    if not uses_database(request.node):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.FAREWELL_AUDIT_HEAD_PATH = tmp_path_factory.mktemp("audit") / "audit-head"
    yield
