import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from farewell.audit.chain import read_head_file, record, verify
from farewell.audit.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def head_file(settings, tmp_path):
    settings.FAREWELL_AUDIT_HEAD_PATH = tmp_path / "audit-head"


def write(count=5):
    for n in range(count):
        with transaction.atomic():
            record("take", actor="operator", case=n + 1, to="in_review")


def test_an_intact_chain_verifies_and_its_head_is_kept_outside_the_database():
    write()
    assert verify().ok and verify().rows == 5
    assert read_head_file() == (5, AuditEntry.objects.get(seq=5).mac)
    call_command("audit", "verify")


def test_rows_hold_ids_and_action_names_only():
    write(1)
    entry = AuditEntry.objects.get()
    assert entry.details == {"to": "in_review"} and entry.case_id == 1


def test_a_changed_row_is_named():
    write()
    AuditEntry.objects.filter(seq=3).update(action="approve")
    verdict = verify()
    assert not verdict.ok and verdict.first_broken_seq == 3


def test_a_changed_detail_is_detected():
    write()
    AuditEntry.objects.filter(seq=2).update(details={"to": "published"})
    assert verify().first_broken_seq == 2


def test_a_removed_row_is_named():
    write()
    AuditEntry.objects.filter(seq=3).delete()
    verdict = verify()
    assert not verdict.ok and verdict.first_broken_seq == 3


def test_an_inserted_row_is_detected():
    write()
    for entry in AuditEntry.objects.filter(seq__gte=3).order_by("-seq"):
        entry.seq += 1
        entry.save()
    template = AuditEntry.objects.get(seq=2)
    AuditEntry.objects.create(seq=3, at=template.at, actor="operator", action="approve", mac="0" * 64)
    verdict = verify()
    assert not verdict.ok and verdict.first_broken_seq == 3


def test_removing_the_last_rows_is_detected_through_the_head_file():
    write()
    AuditEntry.objects.filter(seq__gte=4).delete()
    verdict = verify()
    assert not verdict.ok and verdict.first_broken_seq == 4
    with pytest.raises(CommandError, match="rows 4–5 were removed"):
        call_command("audit", "verify")


def test_rows_can_only_be_written_in_the_transaction_of_their_change():
    with pytest.raises(RuntimeError):
        record("take", actor="operator")


def test_a_rolled_back_change_leaves_no_row():
    with pytest.raises(ValueError), transaction.atomic():
        record("take", actor="operator", case=1)
        raise ValueError()
    assert not AuditEntry.objects.exists()
    write(1)
    assert verify().ok


def test_the_chain_does_not_fork_under_concurrent_writers():
    import threading

    errors = []

    def writer():
        try:
            for _ in range(5):
                with transaction.atomic():
                    record("take", actor="operator")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert verify().ok and verify().rows == 15
