"""`farewell serve`: run the sites with gunicorn (never Django's development server)."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from farewell.vault.keys import KEY_PAIRS, codename_hash_mismatch, codename_hash_parameters
from farewell.vault.models import KeyPair
from farewell.web.server import serve
from farewell.web.sites import SITES

CHOICES = [*SITES, "all"]
LOOPBACK_BINDS = ("127.", "localhost:", "[::1]:")


class Command(BaseCommand):
    help = "Serve the intake, review and archive sites (or one of them) with gunicorn."
    requires_system_checks = []  # run below, with the deployment checks, after --site is known

    def add_arguments(self, parser):
        parser.add_argument("--site", choices=CHOICES, default="all", help="which site to serve (default: all)")
        parser.add_argument(
            "--bind",
            action="append",
            help="address to listen on, HOST:PORT or unix:PATH; repeatable (default 127.0.0.1:8000)",
        )
        parser.add_argument("--workers", type=int, default=settings.FAREWELL_WEB_WORKERS, help="worker processes")
        parser.add_argument("--threads", type=int, default=settings.FAREWELL_WEB_THREADS, help="threads per worker")

    def handle(self, *args, site, bind, workers, threads, **options):
        settings.FAREWELL_SITES = list(SITES) if site == "all" else [site]
        call_command("check", deploy=True, fail_level="ERROR")
        self._refuse_unmigrated()
        if site in ("all", "intake"):
            missing = set(KEY_PAIRS) - set(KeyPair.objects.values_list("name", flat=True))
            if missing:
                raise CommandError(f"Keys missing ({', '.join(sorted(missing))}): run `farewell keys init` first.")
            pinned = codename_hash_mismatch()
            if pinned:
                raise CommandError(
                    f"The codename hash was pinned as {pinned!r} but is configured as {codename_hash_parameters()!r}: "
                    "every existing codename would stop working. Restore FAREWELL_CODENAME_HASH_TIME_COST and "
                    "FAREWELL_CODENAME_HASH_MEMORY_KIB."
                )
        # Workers are forked: they must not share the connection the checks opened.
        connections.close_all()
        from farewell.wsgi import application

        bind = bind or ["127.0.0.1:8000"]
        if settings.DEMO and not all(address.startswith(LOOPBACK_BINDS) for address in bind):
            raise CommandError("FAREWELL_DEMO is set: the demo listens on loopback addresses only.")
        for address in bind:
            self.stdout.write(f"Serving {', '.join(settings.FAREWELL_SITES)} on {address}")
        serve(application, bind=bind, workers=workers, threads=threads, timeout=settings.FAREWELL_WEB_TIMEOUT)

    def _refuse_unmigrated(self):
        connection = connections["default"]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not up to date: run `farewell migrate` first.")
