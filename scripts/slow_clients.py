#!/usr/bin/env python3
"""Slow clients against a running Kutip: do the others still get answers?

    python3 scripts/slow_clients.py --port 8000 [--clients 40] [--seconds 8] [--bound 1.0]

Opens CLIENTS connections that trickle their request a byte every 0.1 s, half of them a
header block, half a JSON body, and connect again whenever the server drops them. Meanwhile
it times GET /health and GET /quotes?speaker=lukashenko, each on a new connection, over and
over. Prints one JSON line (answers, failures, slowest) and exits 1 if any answer was not a
200 or took BOUND seconds or more. Standard library only: it runs wherever python3 does
(scripts/container-smoke.sh runs it against the image; tests/test_serving.py against
`make run`'s gunicorn).
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import sys
import threading
import time

HEADER = b"GET /health HTTP/1.1\r\nHost: kutip\r\nX-Slow: " + b"s" * 500 + b"\r\n\r\n"
BODY = (
    b"POST /verify HTTP/1.1\r\nHost: kutip\r\nContent-Type: application/json\r\n"
    b"Content-Length: 500\r\n\r\n" + b" " * 500
)
PATHS = ("/health", "/quotes?speaker=lukashenko")


def trickle(host: str, port: int, payload: bytes, until: float, opened: list) -> None:
    while time.monotonic() < until:
        try:
            with socket.create_connection((host, port), timeout=5) as sock:
                opened.append(1)
                for byte in payload:
                    if time.monotonic() >= until:
                        return
                    sock.sendall(bytes([byte]))
                    time.sleep(0.1)
        except OSError:
            time.sleep(0.1)


def timed_get(host: str, port: int, path: str, timeout: float) -> tuple[int | str, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        status: int | str = response.status
    except OSError as error:
        status = type(error).__name__
    finally:
        conn.close()
    return status, time.monotonic() - started


def run(host: str, port: int, clients: int, seconds: float, bound: float) -> dict:
    until = time.monotonic() + seconds
    opened: list = []
    slow = [
        threading.Thread(
            target=trickle, args=(host, port, BODY if n % 2 else HEADER, until, opened)
        )
        for n in range(clients)
    ]
    for thread in slow:
        thread.start()
    timings = []
    try:
        time.sleep(1.0)  # every slow client connected and sending
        connected = len(opened)
        while time.monotonic() < until - 0.5:
            for path in PATHS:
                status, took = timed_get(host, port, path, timeout=bound * 5)
                timings.append({"path": path, "status": status, "seconds": round(took, 4)})
            time.sleep(0.05)
    finally:
        for thread in slow:
            thread.join(seconds + 10)
    failures = [t for t in timings if t["status"] != 200 or t["seconds"] >= bound]
    return {
        "slow_clients": clients,
        "connected_at_start": connected,
        "answers": len(timings),
        "failures": failures[:10],
        "slowest": max((t["seconds"] for t in timings), default=None),
        "bound": bound,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--bound", type=float, default=1.0)
    args = parser.parse_args()
    result = run(args.host, args.port, args.clients, args.seconds, args.bound)
    print(json.dumps(result))
    ok = (
        result["answers"] >= 10
        and not result["failures"]
        and result["connected_at_start"] >= args.clients
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
