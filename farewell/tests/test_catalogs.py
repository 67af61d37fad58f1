"""Russian, English and French catalogs are complete, compiled, and cover every string in the code."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[1]
LANGUAGES = ["ru", "en", "fr"]


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    po = catalog(language)
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_the_source(language):
    po = catalog(language)
    mo = polib.mofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (entry.msgstr, entry.msgstr_plural), entry.msgid


def test_the_catalogs_hold_every_string_of_the_code(tmp_path):
    if not shutil.which("xgettext"):
        pytest.fail("gettext is not installed: run `make test` as root, or `apt-get install gettext`.")
    copy = tmp_path / "farewell"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("tests", "testing", "__pycache__", "*.mo"))
    shutil.rmtree(copy / "locale")
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "ru", "--no-location", "--ignore", "anonymize/*"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "django.conf.global_settings"},
    )
    in_code = {entry.msgid for entry in polib.pofile(str(copy / "locale/ru/LC_MESSAGES/django.po"))}
    for language in LANGUAGES:
        missing = in_code - {entry.msgid for entry in catalog(language)}
        assert not missing, f"run `make messages`: {language} lacks {sorted(missing)[:5]}"
