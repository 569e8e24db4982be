"""The gunicorn worker that serves Kutip (gunicorn.conf.py): gevent, for slow clients.

A gevent worker holds each connection in a greenlet, a few kilobytes, not a thread: a
client that trickles its headers or its body ties up nothing the other clients need, and
gunicorn drops one that has not sent its whole header block within the keep-alive time
(`keepalive`). This is gunicorn's own answer for serving without a buffering proxy in
front. The requests themselves are CPU work, run one at a time per worker, as before.

On top of gunicorn's gevent worker:

- gunicorn's own error answers (a malformed request line, a request line or header block
  over the limits, a transfer coding it does not know) are RFC 9457 problem details like
  every answer of the app, not gunicorn's HTML page;
- a connection lets the others go first after each request it is answered, so a client
  that sends its next request at once cannot keep the worker to itself.
"""

from __future__ import annotations

import json

import gevent
from gunicorn import util
from gunicorn.workers.ggevent import GeventWorker

PROBLEM_TYPE = "application/problem+json"


def problem_bytes(status: int, reason: str, detail: str) -> bytes:
    """A whole HTTP/1.1 answer carrying problem details; the connection is closed after.
    The title is gunicorn's reason phrase (RFC 9110's names)."""
    body = json.dumps(
        {
            "type": "about:blank",
            "title": reason,
            "status": status,
            "detail": detail or reason,
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        f"Content-Type: {PROBLEM_TYPE}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "\r\n"
    )
    return head.encode("latin-1") + body


def write_problem(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn.util.write_error's signature, writing problem details instead of HTML."""
    detail = mesg
    if status_int == 500:
        # gunicorn sends no detail for its own 500s; nor do we (errors.py, the app's 500)
        detail = "The server failed to handle the request; the failure has been logged."
    util.write_nonblock(sock, problem_bytes(status_int, reason, detail))


class KutipWorker(GeventWorker):
    """gunicorn's gevent worker, answering its own errors as problem details."""

    def init_process(self) -> None:
        # Worker.handle_error writes its answer with util.write_error; in this process
        # that is the problem-details writer (the master never answers requests).
        util.write_error = write_problem
        super().init_process()

    def handle_request(self, listener_name, req, sock, addr):
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            # a greenlet whose client has its next request ready would otherwise read and
            # serve it without ever going back to the hub
            gevent.sleep(0)
