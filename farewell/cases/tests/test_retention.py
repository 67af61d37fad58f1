import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from farewell.archive.models import Testimony
from farewell.audit.chain import verify
from farewell.audit.models import AuditEntry
from farewell.cases.models import Case
from farewell.cases.retention import due, erase_originals
from farewell.review import actions
from farewell.testing.checklist import tick_checklist
from farewell.testing.intake import send_testimony
from farewell.vault import storage
from farewell.vault.crypto import VaultError
from farewell.vault.store import open_with_channel_key, read_file

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.date.today() - datetime.timedelta(days=400)


@pytest.fixture
def published_case(keys, alice, bob):
    send_testimony(Client(), "Игорь Сомов", files=[SimpleUploadedFile("a.jpg", b"photo" * 1000)])
    case = Case.objects.get()
    actions.do_take(case.pk, alice.desk())
    actions.do_add_redactions(case.pk, alice.desk(), label="PERSON", phrase="Игорь Сомов")
    actions.do_set_publication(case.pk, alice.desk(), title="T", language="ru")
    actions.do_approve(case.pk, alice.desk())
    tick_checklist(case.pk, bob.desk())
    actions.do_approve(case.pk, bob.desk())
    case.refresh_from_db()
    return case


def test_published_cases_are_due_after_the_retention_period(published_case, settings):
    assert published_case.closed_on == datetime.date.today()
    assert not due().exists()
    Case.objects.filter(pk=published_case.pk).update(closed_on=LONG_AGO)
    assert list(due()) == [published_case]
    settings.FAREWELL_RETENTION_DAYS = 1000
    assert not due().exists()


def test_purge_destroys_keys_then_ciphertext_keeps_the_archive_and_is_audited(published_case, alice, capsys):
    Case.objects.filter(pk=published_case.pk).update(closed_on=LONG_AGO)
    story, stored = published_case.story, published_case.attachments.get().stored
    channel_private_key = alice.desk().channel_key(story)
    path = storage.store_path(stored.id)
    copy_of_ciphertext = bytes(story.ciphertext)
    call_command("purge")
    assert "erased the originals of case" in capsys.readouterr().out
    story.refresh_from_db()
    stored.refresh_from_db()
    assert story.destroyed and bytes(story.ciphertext) == b"" and stored.destroyed
    assert not path.exists()
    with pytest.raises(VaultError):
        open_with_channel_key(story, channel_private_key)
    with pytest.raises(VaultError):
        next(read_file(stored, channel_private_key))
    assert copy_of_ciphertext  # a copy kept elsewhere is useless without the destroyed key
    assert Testimony.objects.get().body == "[ИМЯ 1]"
    assert AuditEntry.objects.filter(action="originals_erased", case_id=published_case.pk).exists()
    assert verify().ok


def test_a_legal_hold_stops_the_purge(published_case, alice):
    Case.objects.filter(pk=published_case.pk).update(closed_on=LONG_AGO)
    actions.do_set_legal_hold(published_case.pk, True, alice.desk())
    call_command("purge")
    published_case.refresh_from_db()
    assert published_case.purged_on is None and not published_case.story.destroyed


def test_legal_documentation_is_held_automatically(keys, alice, submitted_case):
    actions.do_take(submitted_case.pk, alice.desk())
    actions.do_decide(submitted_case.pk, "route_to_legal", "evidence", alice.desk())
    submitted_case.refresh_from_db()
    assert submitted_case.legal_hold


def test_an_erased_case_page_says_so(published_case, alice):
    erase_originals(published_case.pk)
    page = alice.signed_in_client().get(f"/review/en/cases/{published_case.pk}/").content.decode()
    assert "were erased on" in page and "Игорь" not in page


def test_dry_run_erases_nothing(published_case, capsys):
    Case.objects.filter(pk=published_case.pk).update(closed_on=LONG_AGO)
    call_command("purge", "--dry-run")
    assert "would erase the originals of case" in capsys.readouterr().out
    published_case.refresh_from_db()
    assert published_case.purged_on is None
