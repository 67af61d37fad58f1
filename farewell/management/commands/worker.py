"""`farewell worker`: run background jobs (file cleaning) with the worker key unlocked."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from farewell.anonymize.media import sandbox
from farewell.anonymize.media.sandbox import Limits
from farewell.jobs import keyring, runner, worker
from farewell.vault.crypto import VaultError
from farewell.vault.keys import KeysMissing

MB = 1024 * 1024


class Command(BaseCommand):
    help = (
        "Run background jobs. The operator secret unlocks the worker key: FAREWELL_OPERATOR_SECRET_FILE, "
        "a systemd credential named farewell-operator-secret, or typed on the terminal."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the jobs that are ready, then exit")

    def handle(self, *args, once, **options):
        logging.getLogger("farewell.jobs").setLevel(logging.INFO)
        if not sandbox.filesystem_isolation():
            message = (
                "bubblewrap cannot confine the cleaner here (install it: `apt-get install bubblewrap`; as a non-root "
                "user it needs user namespaces): a parser exploited by a hostile file could read the data "
                "directory" + ("" if sandbox.network_isolation() else " and reach the network")
            )
            if not settings.DEMO:
                raise CommandError(message)
            self.stderr.write(f"Warning: {message}.")
        if keyring.read_from_data_disk() and not settings.DEMO:
            self.stderr.write(
                "Warning: the operator secret is read from the data directory, so a copy of this disk unlocks "
                "the worker key. Move it off the disk (docs/self-hosting.md, “The worker key”)."
            )
        try:
            keys = keyring.unlock(keyring.operator_secret())
        except keyring.NoOperatorSecret as error:
            raise CommandError(str(error)) from None
        except KeysMissing as error:
            raise CommandError(str(error)) from None
        except VaultError:
            raise CommandError("the operator secret does not unlock the worker key") from None
        context = runner.Context(
            keyring=keys,
            scratch_dir=settings.FAREWELL_SCRATCH_DIR,
            limits=Limits(
                cpu_seconds=settings.FAREWELL_CLEAN_TIME_LIMIT_SECONDS,
                memory_bytes=settings.FAREWELL_CLEAN_MEMORY_MB * MB,
                file_bytes=max(settings.FAREWELL_MAX_FILE_MB * 4, 1024) * MB,
                wall_seconds=settings.FAREWELL_CLEAN_TIME_LIMIT_SECONDS,
            ),
        )
        if not once:
            self.stdout.write(f"Worker {context.worker_id} started; stop it with Ctrl+C or SIGTERM.")
        worker.run(context, once=once)
