#!/usr/bin/env bash
# Build the image, run it, and check that it serves: /health, /quotes?speaker=lukashenko,
# a page, the image's HEALTHCHECK, an article POSTed before a restart still there after
# it, 40 slow clients not stopping the others (scripts/slow_clients.py), no control-server
# error, the extraction modules compiled (setup.py), and a /data it cannot write named at
# start.
#
#   scripts/container-smoke.sh            # docker if it answers, else podman
#   ENGINE=podman scripts/container-smoke.sh
#
# With podman (no Docker engine), it uses the flags a rootful podman in a sandbox needs:
# vfs storage, the runc runtime, explicit ulimits, host networking, and the machine's CA
# bundle mounted for pip during the build. The base image python:3.12-slim must be there
# or pullable (see README: "Docker").
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
IMAGE="${IMAGE:-kutip:smoke}"
NAME="kutip-smoke-$$"
VOLUME="kutip-smoke-data-$$"
TOKEN="smoke-$$-$RANDOM"
CA_BUNDLE="${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"

if [ -z "${ENGINE:-}" ]; then
    if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
        ENGINE=docker
    else
        ENGINE=podman
    fi
fi

engine=("$ENGINE")
build_flags=()
run_flags=(--network host)
if [ "$ENGINE" = podman ]; then
    engine+=(--storage-driver vfs --runtime runc)
    limits=(--ulimit nofile=20000:20000 --ulimit nproc=4096:4096)
    # docker format keeps the HEALTHCHECK (OCI images have none)
    build_flags+=(--format docker --network host "${limits[@]}")
    if [ -f "$CA_BUNDLE" ]; then
        build_flags+=(--volume "$CA_BUNDLE:/etc/ssl/certs/ca-certificates.crt:ro")
    fi
    run_flags+=("${limits[@]}")
fi

cleanup() {
    "${engine[@]}" logs "$NAME" >"${LOG:-/dev/null}" 2>&1 || true
    "${engine[@]}" rm -f "$NAME" >/dev/null 2>&1 || true
    "${engine[@]}" volume rm -f "$VOLUME" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== build $IMAGE with $ENGINE"
"${engine[@]}" build "${build_flags[@]}" -t "$IMAGE" .

start() {
    "${engine[@]}" run -d --name "$NAME" "${run_flags[@]}" \
        -e "KUTIP_BIND=127.0.0.1:$PORT" -e "KUTIP_API_TOKEN=$TOKEN" \
        -v "$VOLUME:/data" "$IMAGE" >/dev/null
}

# GET or POST with Python's standard library: prints the body, fails on a non-2xx answer.
http() {
    python3 - "$@" <<'PY'
import sys, time, urllib.request
method, url = sys.argv[1], sys.argv[2]
data = sys.argv[3].encode() if len(sys.argv) > 3 else None
headers = {"Content-Type": "application/json", "Authorization": "Bearer " + sys.argv[4]} \
    if data else {}
deadline = time.monotonic() + 90
while True:
    try:
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        with urllib.request.urlopen(req, timeout=10) as r:
            print(r.status, r.read().decode())
            break
    except urllib.error.HTTPError:
        raise
    except OSError:
        if time.monotonic() > deadline:
            raise
        time.sleep(0.5)
PY
}

base="http://127.0.0.1:$PORT"
echo "== run"
start
echo "== GET /health"
# (no `tee /dev/stderr`: re-opening stderr truncates it when it is a log file)
health="$(http GET "$base/health")"
echo "$health"
grep -q '"status":"ok"' <<<"$health"
echo "== GET /quotes?speaker=lukashenko"
quotes="$(http GET "$base/quotes?speaker=lukashenko&limit=3")"
echo "${quotes:0:400}..."
python3 -c 'import json,sys; p=json.loads(sys.argv[1].split(" ",1)[1]); assert p["total"]>0 and all("ukashenko" in i["speaker"]["name"] for i in p["items"]), p' "$quotes"

echo "== GET /?speaker=lukashenko (the pages: templates, stylesheet and catalogue installed)"
page="$(http GET "$base/?speaker=lukashenko&lang=en")"
grep -q '<html lang="en">' <<<"$page"
grep -q 'Lukashenko' <<<"$page"
style="$(http GET "$base/assets/kutip.css")"
grep -q 'focus-visible' <<<"$style"

echo "== POST /articles, restart, GET it back"
article='{"text": "\"Uji kontainer berhasil,\" kata Menteri Keuangan Sri Mulyani Indrawati."}'
posted="$(http POST "$base/articles" "$article" "$TOKEN")"
echo "${posted:0:120}..."
case "$posted" in 201*) ;; *) echo "expected 201, got: $posted"; exit 1 ;; esac
id="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1].split(" ",1)[1])["id"])' "$posted")"
"${engine[@]}" restart "$NAME" >/dev/null 2>&1
# captured, not piped: `grep -q` stops reading at its match, and the writer would then
# fail on a closed pipe (a race that pipefail turns into a red run)
fetched="$(http GET "$base/articles/$id")"
grep -q "Uji kontainer berhasil" <<<"$fetched"
echo "article $id survived the restart"

if [ "$ENGINE" = podman ]; then
    echo "== HEALTHCHECK"
    # the image's own HEALTHCHECK command, run now (not waiting for its interval)
    if ! "${engine[@]}" healthcheck run "$NAME" 2>/dev/null; then
        echo "HEALTHCHECK failed"; exit 1
    fi
    echo "healthy"
fi
echo "== 40 slow clients: /health and /quotes?speaker= still answer within 1 s"
python3 scripts/slow_clients.py --port "$PORT" --clients 40 --seconds 8 --bound 1.0
echo "== no control-server error at start"
if "${engine[@]}" logs "$NAME" 2>&1 | grep -q "Control server"; then
    "${engine[@]}" logs "$NAME" 2>&1 | grep "Control server"; exit 1
fi
echo "none"
echo "== user in the container"
"${engine[@]}" exec "$NAME" id
echo "== extraction compiled with mypyc in the image"
"${engine[@]}" exec "$NAME" python3 -c \
    "import service.extraction as e; assert e.COMPILED, 'extraction is plain Python'; print('yes')"
echo "== a /data owned by root: the start stops with a line naming the uid"
ROOT_DATA="$(mktemp -d)"
chmod 755 "$ROOT_DATA"
OUT="$(mktemp)"
if "${engine[@]}" run --rm "${run_flags[@]}" -e "KUTIP_BIND=127.0.0.1:$PORT" \
    -v "$ROOT_DATA:/data" "$IMAGE" >"$OUT" 2>&1; then
    echo "it started on a /data it cannot write"; exit 1
fi
cat "$OUT"
rm -rf "$ROOT_DATA"
grep -q "^Error: the store /data/kutip.db .*uid 10001 (/data belongs to uid " "$OUT"
if grep -q Traceback "$OUT"; then echo "a traceback instead of one line"; exit 1; fi
rm -f "$OUT"
echo "container smoke test passed"
