"""Accounts a reviewer adds to a case besides the story: pasted text, or an uploaded press article
(.html, .htm) or call transcript (.txt), sealed in the vault like the story.

An upload is small (MAX_UPLOAD_BYTES) and is read in memory by its own handler, never written in
clear to a disk. Its text is extracted at once (the engine reads text, and the reviewer should
see what it will read): a web page's visible text, a text file as it is. The text is sealed
with seal(); the file as received is kept encrypted in the store beside it (a StoredFile), so
what the text was taken from can be checked later, for legal documentation too. These files
come from reviewers (pages they saved), not from submitters: they are not sandboxed.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from farewell.audit.chain import record
from farewell.cases.models import Case, CaseAccount
from farewell.review import workflow
from farewell.review.actions import Desk, NotAllowed
from farewell.vault.store import destroy, file_metadata, seal_like, store_file
from farewell.vault.uploads import clean_file_name, encrypt_chunks

TEXT = "case.account"
DETAILS = "case.account_details"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# A press article is tens of thousands of characters, a three-hour call transcript about 200,000;
# longer texts would keep the verification job past its lease (about 20 s per 500,000 characters).
MAX_ACCOUNT_CHARS = 500_000
UPLOAD_FIELD = "file"
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
A_TAG = re.compile(
    r"<\s*(?:!doctype|html|head|body|meta|title|main|article|section|div|p|span|table|ul|ol|li|h[1-6]|br|a)\b",
    re.IGNORECASE,
)
LABEL_LENGTH = 80
# Accounts can be added while reviewers work on a case, and to legal documentation.
EDITABLE = workflow.REVIEWING | {Case.Status.LEGAL}


class AccountUploadHandler(FileUploadHandler):
    """Keeps one file of the `file` field in memory, up to MAX_UPLOAD_BYTES; any other file is
    skipped unread, a larger one dropped and flagged (`too_large`)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.data: bytearray | None = None
        self.too_large = False
        self.done: Upload | None = None

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        if field_name != UPLOAD_FIELD or self.data is not None or self.done is not None:
            raise SkipFile()
        self.data = bytearray()

    def receive_data_chunk(self, raw_data, start):
        if len(self.data) + len(raw_data) > MAX_UPLOAD_BYTES:
            self.too_large, self.data = True, None
            raise SkipFile()
        self.data += raw_data
        return None

    def file_complete(self, file_size):
        if self.data is None:
            return None
        self.done = Upload(clean_file_name(self.file_name), (self.content_type or "")[:100], bytes(self.data))
        self.data = None
        return self.done


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    data: bytes

    def __bool__(self) -> bool:  # Django files an upload only if it is truthy, even an empty one
        return True

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class Extracted:
    text: str
    source: str


def text_of_upload(upload: Upload) -> Extracted:
    """The text of an uploaded page or text file; NotAllowed says why it cannot be used."""
    suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if suffix not in HTML_SUFFIXES + TEXT_SUFFIXES:
        raise NotAllowed(_("Upload a web page (.html or .htm) or a text file (.txt)."))
    if not upload.data.strip():
        raise NotAllowed(_("The file “%(name)s” is empty.") % {"name": upload.name})
    try:
        text = upload.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotAllowed(
            _("The file “%(name)s” is not UTF-8 text. Save it as UTF-8 and upload it again.") % {"name": upload.name}
        ) from None
    if "\x00" in text:
        raise NotAllowed(_("The file “%(name)s” is not a text file.") % {"name": upload.name})
    if suffix in TEXT_SUFFIXES:
        return Extracted(text, CaseAccount.Source.TEXT)
    from farewell.verify.accounts import html_to_text

    if not A_TAG.search(text):
        raise NotAllowed(_("The file “%(name)s” is not a web page: it holds no HTML.") % {"name": upload.name})
    try:
        text = html_to_text(text)
    except ValueError:
        raise NotAllowed(_("The file “%(name)s” is not a readable web page.") % {"name": upload.name}) from None
    if not text.strip():
        raise NotAllowed(_("No text was found in the page “%(name)s”.") % {"name": upload.name})
    return Extracted(text, CaseAccount.Source.HTML)


@dataclass(frozen=True)
class AccountOnCase:
    """An account as the case page shows it, decrypted for this reviewer."""

    account: CaseAccount | None  # None: the story
    number: int
    kind: str
    label: str
    date: str | None
    text: str
    file_name: str = ""

    @property
    def file(self) -> str:
        from farewell.jobs.verifying import STORY_FILE, file_of

        return STORY_FILE if self.account is None else file_of(self.account.pk)

    @property
    def kind_name(self) -> str:
        return str(CaseAccount.Kind(self.kind).label)


def accounts_of(case: Case, desk: Desk) -> list[AccountOnCase]:
    """The story (account 0) and every added account, in order."""
    story = AccountOnCase(
        None, 0, CaseAccount.Kind.TESTIMONY, _("the submitter's testimony"), None, desk.open(case.story)
    )
    listed = [story]
    for account in case.accounts.select_related("text", "details", "original__metadata"):
        if account.text.destroyed:
            continue
        details = json.loads(desk.open(account.details))
        name = file_metadata(account.original, desk.channel_key(account.original)).name if account.original else ""
        listed.append(
            AccountOnCase(
                account,
                account.position,
                account.kind,
                details.get("label", ""),
                details.get("date"),
                desk.open(account.text),
                name,
            )
        )
    return listed


def _locked(case_id: int, desk: Desk) -> Case:
    case = Case.objects.select_for_update(of=("self",)).select_related("story").get(pk=case_id)
    if case.status not in EDITABLE or case.purged_on:
        raise NotAllowed(
            _("Accounts can be added or removed only while the case is in review or in legal documentation.")
        )
    desk.channel_key(case.story)  # a case one cannot read gets no accounts from one
    return case


def do_add_account(
    case_id: int,
    desk: Desk,
    *,
    text: str = "",
    upload: Upload | None = None,
    kind: str = "",
    label: str = "",
    date: datetime.date | None = None,
) -> CaseAccount:
    """Seals a pasted text, or an upload's text with its original, as the case's next account;
    unticks the checklist and asks for a new verification. The audit row has ids only."""
    from farewell.review.verification import reset_checks
    from farewell.verify import accounts as engine_accounts

    if upload is not None and text.strip():
        raise NotAllowed(_("Paste a text or upload a file, not both."))
    source = CaseAccount.Source.PASTED
    if upload is not None:
        extracted = text_of_upload(upload)
        text, source = extracted.text, extracted.source
    if not text.strip():
        raise NotAllowed(_("Paste the text of the account, or upload a file."))
    if len(text) > MAX_ACCOUNT_CHARS:
        raise NotAllowed(
            _("This account is too long: at most %(count)s characters.") % {"count": f"{MAX_ACCOUNT_CHARS:,}"}
        )
    label = " ".join(label.split())[:LABEL_LENGTH] or (upload.name[:LABEL_LENGTH] if upload is not None else "")
    if kind not in CaseAccount.Kind.values:
        kind = engine_accounts.kind_of(upload.name if upload is not None else "", text)
    day = date.isoformat() if date is not None else engine_accounts.date_of(text)
    story = Case.objects.select_related("story__channel").get(pk=case_id).story
    original = _encrypted_original(upload, story) if upload is not None else None
    try:
        with transaction.atomic():
            case = _locked(case_id, desk)
            position = (case.accounts.aggregate(last=Max("position"))["last"] or 0) + 1
            account = CaseAccount.objects.create(
                case=case,
                position=position,
                kind=kind,
                source=source,
                text=seal_like(case.story, TEXT, text.encode("utf-8")),
                details=seal_like(
                    case.story, DETAILS, json.dumps({"label": label, "date": day}, ensure_ascii=False).encode()
                ),
                original=store_file(original) if original is not None else None,
                added_by=desk.reviewer,
            )
            unticked = reset_checks(case)
            _verify_again(case)
            record("account_added", actor=desk.reviewer, case=case, account=account.pk, kind=kind, unticked=unticked)
    except BaseException:
        if original is not None:
            original.discard()
        raise
    return account


def do_remove_account(case_id: int, account_id: int, desk: Desk) -> None:
    """Erases an added account (its text, details and original) and asks for a new verification."""
    from farewell.review.verification import reset_checks

    with transaction.atomic():
        case = _locked(case_id, desk)
        account = case.accounts.select_related("text", "details", "original__metadata").filter(pk=account_id).first()
        if account is None:
            raise NotAllowed(_("This account no longer exists."))
        items = [account.text, account.details, account.original]
        account.delete()
        for item in filter(None, items):
            destroy(item)
        unticked = reset_checks(case)
        _verify_again(case)
        record("account_removed", actor=desk.reviewer, case=case, account=account_id, unticked=unticked)


def _verify_again(case: Case) -> None:
    from farewell.jobs import verifying

    verifying.request(case)


def _encrypted_original(upload: Upload, story):
    """Encrypted to the key pair of the case's story: its channel's reviewers read it."""
    return encrypt_chunks(
        [upload.data], name=upload.name, content_type=upload.content_type or "application/octet-stream", like=story
    )
