"""gunicorn settings for `make run` / `kutip serve` (gunicorn -c gunicorn.conf.py 'service:create_app()').

The index lives in each worker's memory, so one worker process with threads: every
request sees the same articles, and readers take immutable snapshots while writers
swap in new ones. Override with GUNICORN_CMD_ARGS or KUTIP_BIND / KUTIP_THREADS.
"""

import os

bind = os.environ.get("KUTIP_BIND", "127.0.0.1:8000")
workers = 1
worker_class = "gthread"
threads = int(os.environ.get("KUTIP_THREADS", "8"))
timeout = 60
graceful_timeout = 10
keepalive = 5
# Build the index once, before forking the worker.
preload_app = True
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("KUTIP_LOG_LEVEL", "info")
# Request line and header limits; the body limit is KUTIP_MAX_BODY, enforced by the app.
limit_request_line = 8190
limit_request_fields = 100
