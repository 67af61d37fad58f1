"""Accounts added to a case, the verification job's sealed report on the case page, and the
checklist the second approval needs."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from farewell.archive.models import Testimony
from farewell.audit.models import AuditEntry
from farewell.cases.models import Case, CaseAccount, CaseCheck, Verification
from farewell.jobs import verifying, worker
from farewell.jobs.models import Job
from farewell.review import actions, case_accounts, verification
from farewell.review.actions import NotAllowed
from farewell.testing.checklist import tick_checklist
from farewell.testing.dump import assert_not_at_rest
from farewell.vault import storage
from farewell.vault.models import StoredFile
from farewell.vault.store import file_metadata, read_file

STORY = "Меня зовут Дмитрий Соколов. Мне 34 года. В сентябре 2022 года меня мобилизовали."
PRESS = (
    "Dmitri Sokolov, a 36-year-old mechanic, was mobilized in September 2022. "
    "He left his unit in March 2023 and crossed the border into Kazakhstan."
)
PAGE = (
    "<!doctype html><html><head><title>News</title><script>var tracker = 'SCRIPTMARKER';</script></head>"
    "<body><nav>Home · World · NAVMARKER</nav><article><h1>A deserter speaks</h1>"
    f"<p>{PRESS}</p></article><footer>© The Paper</footer></body></html>"
)


@pytest.fixture(autouse=True)
def in_english_with_its_own_index(tmp_path, monkeypatch):
    monkeypatch.setattr(verifying, "index_directory", lambda: tmp_path / "duplicates")
    with translation.override("en"):
        yield


@pytest.fixture
def case(keys, alice):
    from farewell.cases.actions import do_receive_testimony

    case, _codename = do_receive_testimony(story=STORY, consent="text", language="ru")
    actions.do_take(case.pk, alice.desk())
    return case


def page_of(browser, case) -> str:
    return browser.get(f"/review/en/cases/{case.pk}/").content.decode()


def add_page(browser, case, data: bytes, name="article.html", **fields):
    upload = SimpleUploadedFile(name, data, content_type="text/html")
    return browser.post(f"/review/en/cases/{case.pk}/accounts/add/", {"file": upload, **fields})


@pytest.mark.django_db
def test_a_pasted_account_is_sealed_and_asks_for_a_verification(case, alice):
    day = datetime.date(1999, 12, 30)
    account = case_accounts.do_add_account(
        case.pk, alice.desk(), text="PASTEMARKER-5 " + PRESS, kind="interview", label="LABELMARKER-7", date=day
    )
    assert (account.position, account.kind, account.source) == (1, "interview", "pasted")
    job = Job.objects.get(case=case, kind=Job.Kind.VERIFY)
    assert job.state == Job.State.QUEUED and job.attachment is None
    [listed] = case_accounts.accounts_of(case, alice.desk())[1:]
    assert (listed.label, listed.date, listed.text) == ("LABELMARKER-7", "1999-12-30", "PASTEMARKER-5 " + PRESS)
    entry = AuditEntry.objects.get(action="account_added")
    assert entry.details == {"account": account.pk, "kind": "interview", "unticked": 0}
    assert_not_at_rest("PASTEMARKER-5", "LABELMARKER-7", "1999-12-30", "Sokolov")


@pytest.mark.django_db
def test_an_uploaded_page_is_read_as_its_visible_text_and_kept_as_received(case, alice):
    browser = alice.signed_in_client()
    response = add_page(browser, case, PAGE.encode(), kind="", label="")
    assert response.status_code == 302 and response.url.endswith("#verification")
    account = CaseAccount.objects.get(case=case)
    assert (account.kind, account.source) == ("press", "html")
    [listed] = case_accounts.accounts_of(case, alice.desk())[1:]
    assert PRESS in listed.text and "A deserter speaks" in listed.text
    assert "SCRIPTMARKER" not in listed.text and "NAVMARKER" not in listed.text
    key = alice.desk().channel_key(account.original)
    assert b"".join(read_file(account.original, key)) == PAGE.encode()
    assert file_metadata(account.original, key).name == "article.html"
    assert listed.label == "article.html" and listed.file_name == "article.html"
    page = page_of(browser, case)
    assert "press article — article.html" in page
    assert_not_at_rest("SCRIPTMARKER", "NAVMARKER", "A deserter speaks")


BAD_UPLOADS = [
    ("article.html", "Чебаркуль, 2022".encode("cp1251"), "is not UTF-8 text"),
    ("article.html", b"Just a line of text, no markup at all.", "is not a web page"),
    ("call.txt", b"", "is empty"),
    ("call.txt", b"   \n  ", "is empty"),
    ("scan.pdf", b"%PDF-1.7 ...", "Upload a web page (.html or .htm) or a text file (.txt)."),
    ("call.txt", b"a" * (case_accounts.MAX_UPLOAD_BYTES + 1), "larger than 2 MB"),
    ("call.txt", b"text\x00with a NUL", "is not a text file"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name, data, message", BAD_UPLOADS)
def test_a_bad_upload_is_explained_and_nothing_is_kept(case, alice, name, data, message):
    browser = alice.signed_in_client()
    files_before = StoredFile.objects.count()
    response = add_page(browser, case, data, name=name, label="Kept label")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'value="Kept label"' in page
    assert not CaseAccount.objects.exists() and StoredFile.objects.count() == files_before
    assert not list(storage.root("incoming").glob("*.part"))
    assert not Job.objects.filter(case=case).exists()


@pytest.mark.django_db
def test_pasting_and_uploading_at_once_is_refused_with_the_text_kept(case, alice):
    browser = alice.signed_in_client()
    response = add_page(browser, case, PAGE.encode(), text="Pasted words stay here")
    assert response.status_code == 400
    page = response.content.decode()
    assert "not both" in page and "Pasted words stay here" in page
    assert not CaseAccount.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_job_seals_a_report_that_the_panel_shows_with_people_and_a_contradiction(case, alice, worker_context):
    week_ago = datetime.date.today() - datetime.timedelta(days=7)
    browser = alice.signed_in_client()
    add_page(browser, case, PAGE.encode(), label="The Paper", date=week_ago.isoformat())
    page = page_of(browser, case)
    assert "Waiting to be verified" in page

    worker.run(worker_context, once=True)

    job = Job.objects.get(case=case, kind=Job.Kind.VERIFY)
    assert (job.state, job.error, job.progress) == (Job.State.DONE, "", 100)
    report = Verification.objects.get(case=case)
    assert report.account_ids == [CaseAccount.objects.get().pk]
    assert b"Sokolov" not in bytes(report.report.ciphertext)
    assert_not_at_rest("Sokolov", "Соколов", "36-year-old", "mechanic")
    page = page_of(browser, case)
    from farewell.testing.pages import visible_text

    people = visible_text(page, "people")
    assert "Sokolov" in people and "34" in people and "36" in people
    findings = visible_text(page, "findings")
    assert "The accounts disagree on: age" in findings, findings
    assert "<mark>36-year-old</mark>" in page or "<mark>36</mark>" in page
    assert "<mark>Мне 34 года</mark>" in page or "<mark>34</mark>" in page or "<mark>34 года</mark>" in page


@pytest.mark.django_db
def test_evidence_is_shown_escaped_in_its_context():
    from farewell.review.verification_panel import evidence_of

    text = "x" * 100 + "<b>Sokolov</b>" + "y" * 100
    start = text.index("Sokolov")
    span = {"file": "account-0", "start": start, "end": start + 7, "text": "Sokolov"}
    shown = evidence_of(span, {"account-0": text}, {})
    assert shown.marked == "Sokolov" and shown.before.startswith("…") and len(shown.before) == 81
    assert shown.after.startswith("</b>") and shown.after.endswith("…")
    moved = evidence_of({"file": "account-0", "start": 0, "end": 7, "text": "Sokolov"}, {"account-0": text}, {})
    assert (moved.before, moved.marked, moved.after) == ("", "Sokolov", "")  # offsets that no longer fit


@pytest.mark.django_db
def test_the_second_approval_needs_the_whole_checklist(case, alice, bob):
    actions.do_set_publication(case.pk, alice.desk(), title="T", language="ru")
    actions.do_approve(case.pk, alice.desk())
    with pytest.raises(NotAllowed, match="Not ticked yet: Identity consistent.*Risk flags resolved"):
        actions.do_approve(case.pk, bob.desk())
    for item in ("identity_consistent", "timeline_consistent", "unit_plausible"):
        verification.do_check(case.pk, item, True, alice.desk())
    with pytest.raises(NotAllowed) as refused:
        actions.do_approve(case.pk, bob.desk())
    assert "Identity" not in str(refused.value) and "Risk flags resolved" in str(refused.value)
    verification.do_check(case.pk, "risk_flags_resolved", True, bob.desk())
    assert actions.do_approve(case.pk, bob.desk()) == Case.Status.PUBLISHED
    assert Testimony.objects.count() == 1
    ticks = AuditEntry.objects.filter(action="check_ticked").values_list("details", flat=True)
    assert sorted(d["item"] for d in ticks) == sorted(CaseCheck.Item.values)


@pytest.mark.django_db
def test_the_first_approval_does_not_need_the_checklist(case, alice):
    actions.do_set_publication(case.pk, alice.desk(), title="T", language="ru")
    assert actions.do_approve(case.pk, alice.desk()) == Case.Status.APPROVED_ONCE


@pytest.mark.django_db
def test_adding_or_removing_an_account_unticks_the_checklist(case, alice, bob):
    tick_checklist(case.pk, alice.desk())
    account = case_accounts.do_add_account(case.pk, bob.desk(), text=PRESS)
    assert not case.checks.exists()
    assert AuditEntry.objects.filter(action="account_added").get().details["unticked"] == 4
    tick_checklist(case.pk, alice.desk())
    case_accounts.do_remove_account(case.pk, account.pk, alice.desk())
    assert not case.checks.exists() and not CaseAccount.objects.exists()
    account.text.refresh_from_db()
    assert account.text.destroyed


@pytest.mark.django_db
def test_ticking_through_the_page(case, alice):
    browser = alice.signed_in_client()
    url = f"/review/en/cases/{case.pk}/checklist/"
    browser.post(url, {"item": "unit_plausible", "ticked": "on"})
    page = page_of(browser, case)
    assert "ticked by alice" in page and "alice: ticked a checklist item" in page
    browser.post(url, {"item": "unit_plausible", "ticked": "off"})
    assert not case.checks.exists()
    response = browser.post(url, {"item": "no_such_item", "ticked": "on"}, follow=True)
    assert "Unknown checklist item." in response.content.decode()


@pytest.mark.django_db
def test_verify_now_queues_the_job_once(case, alice):
    browser = alice.signed_in_client()
    browser.post(f"/review/en/cases/{case.pk}/verification/")
    browser.post(f"/review/en/cases/{case.pk}/verification/")
    assert Job.objects.filter(case=case, kind=Job.Kind.VERIFY).count() == 1
    assert AuditEntry.objects.filter(action="verification_requested").count() == 2


@pytest.mark.django_db
def test_a_reviewer_without_the_channel_grant_sees_no_panel_and_changes_nothing(case, alice, carol):
    case_accounts.do_add_account(case.pk, alice.desk(), text=PRESS, label="LABEL-SEEN-BY-ALICE")
    browser = carol.signed_in_client()
    response = browser.get(f"/review/en/cases/{case.pk}/")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'id="verification"' not in page and "LABEL-SEEN-BY-ALICE" not in page and "Sokolov" not in page
    account, audited = CaseAccount.objects.get(), AuditEntry.objects.count()
    browser.post(f"/review/en/cases/{case.pk}/accounts/add/", {"text": "planted account"})
    browser.post(f"/review/en/cases/{case.pk}/accounts/{account.pk}/remove/")
    browser.post(f"/review/en/cases/{case.pk}/checklist/", {"item": "unit_plausible", "ticked": "on"})
    browser.post(f"/review/en/cases/{case.pk}/verification/")
    assert list(CaseAccount.objects.all()) == [account]
    assert not case.checks.exists()
    assert AuditEntry.objects.count() == audited
    assert Job.objects.get(case=case).state == Job.State.QUEUED  # only alice's request


@pytest.mark.django_db
def test_accounts_cannot_be_added_to_a_closed_case(case, alice):
    Case.objects.filter(pk=case.pk).update(status=Case.Status.REJECTED)
    with pytest.raises(NotAllowed, match="only while the case is in review"):
        case_accounts.do_add_account(case.pk, alice.desk(), text=PRESS)
    with pytest.raises(NotAllowed):
        verification.do_check(case.pk, "unit_plausible", True, alice.desk())


def test_an_account_too_long_to_verify_in_time_is_refused_with_nothing_stored(case, alice):
    text = "слово " * (case_accounts.MAX_ACCOUNT_CHARS // 6 + 1)
    with pytest.raises(NotAllowed, match="too long"):
        case_accounts.do_add_account(case.pk, alice.desk(), text=text, kind="press")
    assert not CaseAccount.objects.filter(case=case).exists()
