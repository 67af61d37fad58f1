"""kill -9 during a stream of submissions: every receipt that was shown opens its testimony intact."""

import hashlib
import json
import os
import signal
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest

from farewell.testing.pages import codename_on, hidden_fields
from farewell.testing.server import free_port, multipart_body, run_farewell, start_serving, stop_serving, wait_until_up

pytestmark = pytest.mark.server


def submit_until_stopped(base, receipts, stop):
    while not stop.is_set():
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        marker, data = uuid.uuid4().hex, os.urandom(200_000)
        try:
            form = browser.open(base + "/submit/testimony/", timeout=10).read().decode()
            body, content_type = multipart_body(
                {"story": f"story {marker}", "consent": "text", **hidden_fields(form)}, [(f"{marker}.bin", data)]
            )
            request = urllib.request.Request(base + "/submit/testimony/", body, {"Content-Type": content_type})
            page = browser.open(request, timeout=10).read().decode()
        except (OSError, urllib.error.URLError):
            continue  # the server is gone: no receipt, no promise
        receipts.append({"codename": codename_on(page), "marker": marker, "sha256": hashlib.sha256(data).hexdigest()})


CHECK = """
import json, sys
from farewell.cases.actions import find_case_by_codename
from farewell.vault.keys import configured_secret, unlock_private_key
from farewell.vault.models import KeyPair
from farewell.vault.store import file_metadata, open_with_channel_key, read_file
import hashlib
key = unlock_private_key(KeyPair.CHANNEL_DEFAULT, configured_secret("FAREWELL_OPERATOR_SECRET"))
broken = []
for receipt in json.load(open(sys.argv[-1])):
    returning = find_case_by_codename(receipt["codename"])
    if returning is None:
        broken.append(("no case", receipt)); continue
    case = returning.case
    if open_with_channel_key(case.story, key).decode() != "story " + receipt["marker"]:
        broken.append(("story", receipt))
    stored = case.attachments.get().stored
    data = b"".join(read_file(stored, key))
    if hashlib.sha256(data).hexdigest() != receipt["sha256"] or file_metadata(stored, key).sha256 != receipt["sha256"]:
        broken.append(("file", receipt))
print(json.dumps(broken))
"""


def test_every_receipt_survives_a_kill_9_during_submissions(tmp_path):
    data_dir = tmp_path / "data"
    assert run_farewell(data_dir, "migrate").returncode == 0
    assert run_farewell(data_dir, "keys", "init").returncode == 0
    port, log = free_port(), (tmp_path / "server.log").open("w")
    base = f"http://127.0.0.1:{port}"
    server = start_serving(data_dir, port, workers=2, log=log)
    wait_until_up(base + "/submit/", server, tmp_path / "server.log")

    receipts, stop = [], threading.Event()
    clients = [threading.Thread(target=submit_until_stopped, args=(base, receipts, stop)) for _ in range(4)]
    for client in clients:
        client.start()
    deadline = time.monotonic() + 60
    while len(receipts) < 12 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop_serving(server, signal.SIGKILL)  # mid-stream: requests are in flight
    stop.set()
    for client in clients:
        client.join()
    assert len(receipts) >= 12, "too few submissions went through before the kill"

    restarted = start_serving(data_dir, port, workers=2, log=log)
    try:
        wait_until_up(base + "/submit/", restarted, tmp_path / "server.log")
        (tmp_path / "receipts.json").write_text(json.dumps(receipts))
        result = run_farewell(
            data_dir, "shell", "-c", CHECK.replace("sys.argv[-1]", repr(str(tmp_path / "receipts.json")))
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    finally:
        stop_serving(restarted)
