"""gunicorn as `make run` starts it, on a temporary store; articles to post to it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOKEN = "store-test-token"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def failed_start(settings: dict[str, str], launcher: tuple[str, ...] = ()) -> str:
    """Start gunicorn as `make run` does, with no KUTIP_ setting from outside but
    `settings` (on a free port unless they say otherwise), expecting it to stop: everything
    it printed. Fails the test unless it exits with status 1 and no traceback. `launcher`
    as for `Gunicorn`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUTIP_")}
    env["KUTIP_BIND"] = f"127.0.0.1:{free_port()}"
    env.update(settings)
    done = subprocess.run(
        [*launcher, sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
        + ["service:create_app()"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output, output
    return output


class Gunicorn:
    """One gunicorn master (its own process group) with KUTIP_WORKERS workers."""

    def __init__(
        self,
        db: Path,
        log: Path,
        workers: int = 2,
        seeds: str = "off",
        env: dict | None = None,
        launcher: tuple[str, ...] = (),
    ) -> None:
        """`launcher`: a command gunicorn's command line is appended to (and that runs
        it with `exec "$@"`), e.g. one that mounts something first."""
        self.db, self.log, self.workers, self.seeds = db, log, workers, seeds
        self.env = env or {}
        self.launcher = launcher
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Gunicorn:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KUTIP_")}
        env.update(
            KUTIP_DB=str(self.db),
            KUTIP_SEED_DIR=self.seeds,
            KUTIP_API_TOKEN=TOKEN,
            KUTIP_WORKERS=str(self.workers),
        )
        env.update(self.env)
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [
                    *self.launcher,
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "gunicorn.conf.py",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    # the worker's pid in the access log: which worker answered what
                    "--access-logformat",
                    "pid=%(p)s %(m)s %(U)s %(s)s",
                    "service:create_app()",
                ],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.proc.returncode}:\n{self.log_text()}")
            try:
                with urllib.request.urlopen(f"{self.base}/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer in {timeout} s:\n{self.log_text()}")
            time.sleep(0.1)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the master, then its workers: a crash, with no shutdown of any kind."""
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)
        self._wait_group_gone()

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            self._wait_group_gone()
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._wait_group_gone()

    def _wait_group_gone(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.proc.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def article_text(n: int, tag: str = "") -> str:
    """A distinct short article with one quote by Lukashenko."""
    return (
        f'"Kami siap berintegrasi dalam rencana nomor {n} {tag} bersama Rusia," kata Presiden '
        "Belarus Alexander Lukashenko di Minsk, Kamis."
    )
