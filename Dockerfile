# Kutip API: gunicorn (gunicorn.conf.py) over the SQLite store in the /data volume.
#   docker build -t kutip . && docker run -p 8000:8000 -v kutip-data:/data kutip
# scripts/container-smoke.sh builds and checks it (with podman where there is no Docker).

FROM python:3.12-slim AS build
# pip checks certificates against the system bundle (the smoke script mounts the host's)
ARG PIP_CERT=/etc/ssl/certs/ca-certificates.crt
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /src
# A C compiler for mypyc, which compiles the extraction modules (setup.py); only in this
# stage: the runtime stage takes the built venv. Debian's current gcc, not a pinned one.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/kutip
COPY pyproject.toml setup.py README.md ./
COPY service ./service
RUN /opt/kutip/bin/pip install --no-cache-dir .

FROM python:3.12-slim
ENV PATH=/opt/kutip/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    KUTIP_BIND=0.0.0.0:8000 \
    KUTIP_DB=/data/kutip.db \
    KUTIP_SEED_DIR=/app/seeds
RUN groupadd --system --gid 10001 kutip \
    && useradd --system --uid 10001 --gid kutip --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin kutip \
    && mkdir /data \
    && chown kutip:kutip /data
COPY --from=build /opt/kutip /opt/kutip
WORKDIR /app
COPY gunicorn.conf.py ./
COPY seeds ./seeds
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000
# Python's standard library, no curl; the port is the one KUTIP_BIND listens on.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python3", "-c", "import os, sys, urllib.request; port = os.environ.get('KUTIP_BIND', ':8000').rsplit(':', 1)[1]; r = urllib.request.urlopen(f'http://127.0.0.1:{port}/health', timeout=4); sys.exit(r.status != 200)"]
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "service:create_app()"]
