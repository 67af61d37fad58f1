"""Upload throughput and peak server memory for large files, against a plain `cp`.

Run: .venv/bin/python bench/upload.py [--sizes 100 1024] [--runs 3]
Starts `farewell serve --site intake` (1 worker, 4 threads) on a scratch data dir, streams a
random file of each size as one testimony attachment, and reports MB/s, the worker's peak
resident memory (VmHWM) growth, and `cp` of the same file on the same disk for comparison. Then
measures the vault's own encryption and decryption throughput (no HTTP).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

from farewell.testing.pages import codename_on, hidden_fields
from farewell.testing.server import free_port, run_farewell, start_serving, stop_serving, wait_until_up

MB = 1024 * 1024


def vm(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def workers_of(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in out]


class Body:
    """A multipart body streamed from disk: text fields, then the file, then the end boundary."""

    def __init__(self, fields, path: Path):
        self.boundary = uuid.uuid4().hex
        head = "".join(
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()
        )
        head += f'--{self.boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.bin"\r\n'
        head += "Content-Type: application/octet-stream\r\n\r\n"
        self.parts = [head.encode(), path, f"\r\n--{self.boundary}--\r\n".encode()]
        self.length = len(self.parts[0]) + path.stat().st_size + len(self.parts[2])

    def __iter__(self):
        yield self.parts[0]
        with open(self.parts[1], "rb") as handle:
            while chunk := handle.read(1024 * 1024):
                yield chunk
        yield self.parts[2]


def upload(base: str, path: Path) -> float:
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    form = browser.open(base + "/submit/testimony/").read().decode()
    body = Body({"story": "bench", "consent": "verification", **hidden_fields(form)}, path)
    request = urllib.request.Request(
        base + "/submit/testimony/",
        data=iter(body),
        headers={"Content-Type": f"multipart/form-data; boundary={body.boundary}", "Content-Length": str(body.length)},
    )
    start = time.perf_counter()
    page = browser.open(request, timeout=3600).read().decode()
    elapsed = time.perf_counter() - start
    codename_on(page)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1024], help="file sizes in MB")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR", "/var/tmp")) as scratch:
        scratch = Path(scratch)
        data = scratch / "data"
        limits = {"FAREWELL_MAX_FILE_MB": "4096", "FAREWELL_MAX_SUBMISSION_MB": "4096"}
        for verb in (["migrate"], ["keys", "init"]):
            assert run_farewell(data, *verb).returncode == 0
        port = free_port()
        server = start_serving(data, port, extra=limits)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/submit/", server, Path("/dev/null"))
            time.sleep(1)
            (worker,) = workers_of(server.pid)
            print("size  | upload MB/s (median) | cp MB/s (median) | upload/cp | worker peak RSS growth")
            for size in args.sizes:
                source = scratch / f"{size}.bin"
                with open(source, "wb") as handle:
                    for _ in range(size):
                        handle.write(os.urandom(MB))
                uploads, copies, growth = [], [], []
                for _ in range(args.runs):
                    before = vm(worker, "VmRSS")
                    subprocess.run(["sh", "-c", f"echo 5 > /proc/{worker}/clear_refs"], check=False)  # reset VmHWM
                    seconds = upload(base, source)
                    uploads.append(size / seconds)
                    growth.append((vm(worker, "VmHWM") - before) / MB)
                    start = time.perf_counter()
                    shutil.copyfile(source, scratch / "copy.bin")
                    os.sync()
                    copies.append(size / (time.perf_counter() - start))
                    (scratch / "copy.bin").unlink()
                up, cp = statistics.median(uploads), statistics.median(copies)
                memory = f"{statistics.median(growth):.0f} MB (max {max(growth):.0f})"
                print(f"{size:5d} | {up:20.0f} | {cp:16.0f} | {up / cp:9.2f} | {memory}")
                source.unlink()
        finally:
            stop_serving(server)

        from farewell.vault.crypto import new_data_key
        from farewell.vault.stream import EncryptingWriter, decrypt_file

        block, total = os.urandom(MB), 512
        rates_enc, rates_dec = [], []
        for _ in range(args.runs):
            key, path = new_data_key(), scratch / f"enc-{uuid.uuid4().hex}"
            start = time.perf_counter()
            writer = EncryptingWriter(path, key, "bench")
            for _ in range(total):
                writer.write(block)
            writer.finish()
            rates_enc.append(total / (time.perf_counter() - start))
            start = time.perf_counter()
            for _chunk in decrypt_file(path, key, "bench"):
                pass
            rates_dec.append(total / (time.perf_counter() - start))
            path.unlink()
        print(f"vault encryption (512 MB, incl. SHA-256 and fsync): {statistics.median(rates_enc):.0f} MB/s")
        print(f"vault decryption (512 MB): {statistics.median(rates_dec):.0f} MB/s")


if __name__ == "__main__":
    main()
