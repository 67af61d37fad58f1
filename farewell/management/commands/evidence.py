"""`farewell evidence CASE_ID OUT`: an operator's evidence export, opened with the worker key.

The operator secret unlocks the worker key, to which every item's data key is also wrapped
(docs/threat-model.md, "What each host reveals"): this command gives an operator nothing he could
not already read, and it is audited as the operator's export like a reviewer's.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.views.decorators.debug import sensitive_variables

from farewell.cases import evidence
from farewell.cases.models import Case
from farewell.jobs import keyring
from farewell.vault.crypto import VaultError
from farewell.vault.keys import KeysMissing


class Command(BaseCommand):
    help = (
        "Write the evidence archive of a case in legal documentation or under legal hold to OUT: an AES-256 "
        "encrypted ZIP whose passphrase is printed once. The operator secret unlocks the worker key."
    )

    def add_arguments(self, parser):
        parser.add_argument("case_id", type=int)
        parser.add_argument("out", type=Path, help="file to write; must not exist")
        parser.add_argument(
            "--language", choices=["ru", "en", "fr"], default="en", help="language of the README (default en)"
        )

    @sensitive_variables("passphrase")
    def handle(self, *args, case_id, out, language, **options):
        if out.exists():
            raise CommandError(f"{out} exists; choose a new file name.")
        if not Case.objects.filter(pk=case_id).exists():
            raise CommandError(f"No case {case_id}.")
        try:
            keys = evidence.Keys.of_worker(keyring.unlock(keyring.operator_secret()))
        except (keyring.NoOperatorSecret, KeysMissing) as error:
            raise CommandError(str(error)) from None
        except VaultError:
            raise CommandError("the operator secret does not unlock the worker key") from None
        passphrase = evidence.new_passphrase()
        with translation.override(language):
            try:
                made = evidence.export_case(case_id, keys, out, passphrase, actor=None)
            except evidence.NotExportable as refusal:
                raise CommandError(str(refusal)) from None
            except VaultError as error:
                raise CommandError(f"cannot open an item of case {case_id}: {error}") from None
        self.stdout.write(
            f"Evidence of case {case_id} written to {out}: {made.files} files, {made.size} bytes.\n"
            f"SHA-256 of the archive (in the audit log too): {made.archive_sha256}\n"
            f"Passphrase (shown once, kept nowhere; send it apart from the archive): {passphrase}"
        )
