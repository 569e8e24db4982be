"""gunicorn as `make run` starts it, against slow clients and requests it answers itself.

The one-second bound is an availability check, not a speed figure: an answer takes a few
milliseconds, and a server that slow clients can stop does not answer at all (the threaded
workers this replaced timed out every request with 40 such clients).
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from servers import TOKEN, Gunicorn, failed_start

from service.serving import problem_bytes

REPO = Path(__file__).resolve().parent.parent
SLOW_CLIENTS = 40
TRICKLE_SECONDS = 8.0
BOUND = 1.0
JSON_CLOSE = {"Content-Type": "application/json", "Connection": "close"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serving")
    gunicorn = Gunicorn(folder / "kutip.db", folder / "log.txt", seeds=str(REPO / "seeds"))
    gunicorn.start()
    try:
        yield gunicorn
    finally:
        gunicorn.stop()


def test_forty_trickling_clients_do_not_stop_the_others(server):
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "slow_clients.py"),
            "--port",
            str(server.port),
            "--clients",
            str(SLOW_CLIENTS),
            "--seconds",
            str(TRICKLE_SECONDS),
            "--bound",
            str(BOUND),
        ],
        capture_output=True,
        text=True,
        timeout=TRICKLE_SECONDS + 60,
    )
    result = json.loads(done.stdout)
    assert result["connected_at_start"] >= SLOW_CLIENTS
    assert result["answers"] >= 20 and result["failures"] == [], result
    assert result["slowest"] < BOUND and done.returncode == 0


def _raw(port: int, data: bytes) -> tuple[int, dict, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize(
    "request_bytes, status",
    [
        (b"NOT A REQUEST\r\n\r\n", 400),
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: k\r\n\r\n", 414),
        (b"GET /health HTTP/1.1\r\n" + b"X-A: b\r\n" * 150 + b"\r\n", 431),
        (b"GET /health HTTP/1.1\r\nHost: k\r\nBad Header\r\n\r\n", 400),
    ],
)
def test_gunicorns_own_answers_are_problem_details(server, request_bytes, status):
    got, headers, body = _raw(server.port, request_bytes)
    assert got == status
    assert headers["Content-Type"] == "application/problem+json"
    assert int(headers["Content-Length"]) == len(body)
    problem = json.loads(body)
    assert problem["status"] == status and problem["type"] == "about:blank"
    assert problem["title"] and problem["detail"]


def test_problem_bytes_are_a_whole_answer():
    data = problem_bytes(414, "URI Too Long", "line too long")
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 URI Too Long\r\n")
    assert b"Connection: close" in head and f"Content-Length: {len(body)}".encode() in head
    assert json.loads(body) == {
        "type": "about:blank",
        "title": "URI Too Long",
        "status": 414,
        "detail": "line too long",
    }


def test_the_server_starts_without_a_control_socket_error(server):
    assert "Control server" not in server.log_text()
    assert "Using worker: service.serving.KutipWorker" in server.log_text()


def _post_chunked(port: int, path: str, body: bytes, content_type: str) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        pieces = (body[i : i + 65536] for i in range(0, len(body), 65536))
        conn.request(
            "POST",
            path,
            body=pieces,
            encode_chunked=True,
            headers={"Content-Type": content_type, "Authorization": f"Bearer {TOKEN}"},
        )
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def _health(port: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/health")
        return json.loads(conn.getresponse().read())
    finally:
        conn.close()


def test_a_chunked_body_over_the_limit_is_413_through_gunicorn(server):
    before = _health(server.port)["articles"]
    text = ("Warga berkumpul di balai desa. " * 110_000).encode()  # 3.4 MB, limit 2 MB
    status, problem = _post_chunked(server.port, "/articles", text, "text/plain")
    assert status == 413 and "2097152" in problem["detail"]
    status, problem = _post_chunked(
        server.port, "/verify", b'{"quote": "' + text, "application/json"
    )
    assert status == 413
    assert _health(server.port)["articles"] == before


def test_a_chunked_article_within_the_limit_is_stored_whole_through_gunicorn(server):
    text = "Warga berkumpul di balai desa. " * 60_000 + '"Jembatan selesai," kata Bupati Ani.'
    status, stored = _post_chunked(server.port, "/articles", text.encode(), "text/plain")
    assert status == 201 and stored["text"] == text
    assert stored["quotes"][-1]["text"].startswith("Jembatan selesai")


def test_a_malformed_chunk_is_a_400_problem(server):
    got, headers, body = _raw(
        server.port,
        b"POST /verify HTTP/1.1\r\nHost: k\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    )
    assert got == 400 and headers["Content-Type"] == "application/problem+json"
    assert "chunk" in json.loads(body)["detail"].lower()


@pytest.mark.parametrize(
    "setting, value, says",
    [
        ("KUTIP_MAX_BODY", "2MB", "KUTIP_MAX_BODY must be a whole number of bytes"),
        ("KUTIP_MAX_BODY", "-5", "KUTIP_MAX_BODY must be a whole number of bytes, at least 1"),
        ("KUTIP_SEED_DIR", "/nowhere/seeds", "KUTIP_SEED_DIR '/nowhere/seeds' does not exist"),
        ("KUTIP_SEED_DIR", str(REPO / "README.md"), "is not a folder"),
        ("KUTIP_BIND", "127.0.0.1:99999", "the port must be a number from 1 to 65535"),
        ("KUTIP_BIND", "localhost:http", "KUTIP_BIND must be HOST:PORT"),
        ("KUTIP_WORKERS", "two", "KUTIP_WORKERS must be a whole number"),
    ],
)
def test_a_bad_setting_stops_the_start_with_one_line(tmp_path, setting, value, says):
    output = failed_start({"KUTIP_DB": str(tmp_path / "kutip.db"), setting: value})
    lines = [line for line in output.splitlines() if says in line]
    assert len(lines) == 1, output


def test_the_rate_limit_holds_across_gunicorn_workers(tmp_path):
    server = Gunicorn(
        tmp_path / "kutip.db", tmp_path / "log.txt", env={"KUTIP_VERIFY_LIMIT": "6/minute"}
    )
    server.start()
    statuses: list[int] = []
    workers: set[str] = set()
    try:
        # connections of their own, until both workers have answered some (which worker
        # accepts a connection is chance): counted per worker, 12 would pass
        while len(statuses) < 12 or (len(workers) < 2 and len(statuses) < 300):
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            conn.request("POST", "/verify", body=b'{"quote": "Kami siap"}', headers=JSON_CLOSE)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
            conn.close()
            if len(statuses) % 6 == 0:
                time.sleep(0.1)  # the access log written
                workers = set(re.findall(r"pid=<(\d+)> POST /verify", server.log_text()))
    finally:
        server.stop()
    assert len(workers) == 2, "one worker took every connection"
    assert statuses[:6] == [200] * 6 and set(statuses[6:]) == {429}
