"""`farewell demo`: a local instance on SQLite with demo content, served on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from farewell.anonymize.media.sandbox import die_with_parent
from farewell.demo.content import load_demo_testimonies
from farewell.demo.reviewers import create_demo_reviewers

LOOPBACK_HOSTS = "localhost,127.0.0.1,[::1]"


class Command(BaseCommand):
    help = "Prepare a local demo instance (database, keys, demo testimonies) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
        parser.add_argument("--no-serve", action="store_true", help="prepare everything but do not serve")

    def handle(self, *args, port, no_serve, **options):
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("keys", "init", stdout=self.stdout)
        added = load_demo_testimonies()
        self.stdout.write(f"Demo testimonies: {added} added.")
        reviewers = create_demo_reviewers()
        base = f"http://127.0.0.1:{port}"
        lines = ["", f"  Archive:  {base}/", f"  Intake:   {base}/submit/", f"  Review:   {base}/review/", ""]
        for reviewer in reviewers:
            lines += [
                f"  Reviewer {reviewer['name']}: password {reviewer['password']}",
                f"    TOTP secret {reviewer['totp_secret']} (add it to an authenticator app, or: "
                f".venv/bin/python -c \"import pyotp; print(pyotp.TOTP('{reviewer['totp_secret']}').now())\")",
                f"    recovery codes {' '.join(reviewer['recovery_codes'])}",
            ]
        demo_case = next((r["demo_case"] for r in reviewers if "demo_case" in r), None)
        if demo_case is not None:
            lines += [
                "",
                f"  Case {demo_case}: five accounts of one man to verify (alice's; its panel is on the case page).",
            ]
        talk = next((r["demo_conversation"] for r in reviewers if "demo_conversation" in r), None)
        if talk is not None:
            lines += [
                f"  Case {talk['case']}: alice asked its author a question. Sign in as him at {base}/submit/return/",
                f"    with the codename: {talk['codename']}",
            ]
        lines += [
            '  Channel "help" (requests for help): only bob holds its key, so alice does not see its case.',
        ]
        lines += ["", "  A background worker cleans uploaded files (metadata removed in a sandbox) and verifies cases."]
        lines += ["", "Stop with Ctrl+C."]
        self.stdout.write("\n".join(lines))
        if no_serve:
            return
        self.stdout.flush()
        environment = {
            **os.environ,
            "FAREWELL_DATA_DIR": str(settings.DATA_DIR),
            "FAREWELL_ALLOWED_HOSTS": os.environ.get("FAREWELL_ALLOWED_HOSTS", LOOPBACK_HOSTS),
            # Plain HTTP on loopback: accepted by the checks only in demo mode.
            "FAREWELL_HTTPS": os.environ.get("FAREWELL_HTTPS", "false"),
            "FAREWELL_DEMO": "true",
        }
        # The worker cleans uploaded files; it stops when the server (this process, after exec) does.
        subprocess.Popen(
            [sys.executable, "-m", "farewell.cli", "worker"],
            env=environment,
            stdin=subprocess.DEVNULL,
            preexec_fn=lambda: die_with_parent(signal.SIGTERM),
        )
        command = [sys.executable, "-m", "farewell.cli", "serve", "--site", "all", "--bind", f"127.0.0.1:{port}"]
        os.execve(sys.executable, command, environment)
