"""Request bodies: at most KUTIP_MAX_BODY bytes, however they are sent.

A body with `Content-Length` is checked against the limit before it is read (Werkzeug's
MAX_CONTENT_LENGTH, and `limit_body` in `service/api/__init__.py` with the sizes in the
answer). A body sent in chunks has no length to check: Werkzeug would read it up to the
limit and silently stop there, so an article could be stored cut short. `BodyLimit` reads
such a body itself, at most one byte past the limit, before the app sees the request:
over the limit, the request is answered 413 and its body never reaches a view; within
it, the app gets the body whole with its length, as if it had been sent with one.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from gunicorn.http.errors import ParseException

# where BodyLimit leaves its finding for `limit_body`
TOO_LARGE = "kutip.body_too_large"
MALFORMED = "kutip.body_malformed"
_READ = 64 * 1024


class BodyLimit:
    """WSGI middleware that reads a body of unknown length (chunked) whole, up to `limit`."""

    def __init__(self, app: Callable, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not environ.get("CONTENT_LENGTH") and environ.get("HTTP_TRANSFER_ENCODING"):
            self._read_whole(environ)
        return self.app(environ, start_response)

    def _read_whole(self, environ: dict) -> None:
        stream = environ["wsgi.input"]
        chunks: list[bytes] = []
        size = 0
        try:
            while size <= self.limit:
                chunk = stream.read(min(_READ, self.limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except (ParseException, OSError) as error:
            # a chunk size that is not a number, a chunk without its CRLF, a client that
            # went away mid-body: nothing of it reaches the app
            environ[MALFORMED] = str(error) or type(error).__name__
            chunks, size = [], 0
        if size > self.limit:
            environ[TOO_LARGE] = True
            chunks, size = [], 0
        environ["wsgi.input"] = io.BytesIO(b"".join(chunks))
        environ["CONTENT_LENGTH"] = str(size)
        # the body is now one of known length: Werkzeug reads CONTENT_LENGTH bytes (it
        # takes no length from a request that says it is chunked)
        environ.pop("wsgi.input_terminated", None)
        environ["kutip.transfer_encoding"] = environ.pop("HTTP_TRANSFER_ENCODING")
