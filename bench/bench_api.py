"""API throughput with wrk: Kutip under gunicorn against a bare Flask app, same config.

    python bench/bench_api.py [--duration 10] [--rounds 3] [--connections 32] [--threads 1]

Starts two gunicorn servers with the project's own `gunicorn.conf.py` (workers from
KUTIP_WORKERS as usual; the access log stays on, its stdout goes to
/dev/null): Kutip over the seed articles (a fresh store in a temporary KUTIP_DB), and
`bench/bare_app.py`, which answers a fixed JSON body of the same byte size as the speaker
look-up. Each request is checked once with urllib (200, real items) before wrk runs; any
non-2xx answer or socket error during a run fails the bench. The four runs are repeated
--rounds times, interleaved (the machine's speed drifts); each figure is the median over the
rounds. Prints req/s, p50, p99 and the ratio to bare Flask.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import runpy
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEAKER_PATH = "/quotes?speaker=lukashenko"
WORD_PATH = "/quotes?q=integrasi"
VERIFY_PATH = "/verify"
VERIFY_BODY = {
    "quote": "kami tidak ingin mengulangi kesalahan yang dibuat di negara serikat kami",
    "speaker": "Lukashenko",
}
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(app: str, port: int, env: dict, log: Path) -> subprocess.Popen:
    env = {**os.environ, **env, "KUTIP_BIND": f"127.0.0.1:{port}"}
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,  # the access log
        stderr=log.open("wb"),
        start_new_session=True,
    )


def wait_ready(port: int, proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn on {port} exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn on {port} did not answer within {timeout} s")


def fetch(url: str, body: dict | None = None) -> tuple[int, bytes]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read()


def check(url: str, body: dict | None, key: str) -> int:
    """The response must be a 200 with a non-empty `key` list; its size in bytes."""
    status, payload = fetch(url, body)
    items = json.loads(payload).get(key) if status == 200 else None
    if not items:
        raise SystemExit(f"{url}: expected 200 with {key}, got {status}: {payload[:300]!r}")
    return len(payload)


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    total = re.search(r"(\d+) requests in", output)
    if not (rate and p50 and p99 and total):
        raise SystemExit(f"cannot read wrk output:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    if bad or errors:
        raise SystemExit(f"wrk saw failures:\n{output}")
    return {
        "rps": float(rate.group(1)),
        "p50": to_ms(p50.group(1)),
        "p99": to_ms(p99.group(1)),
        "requests": int(total.group(1)),
    }


def run_wrk(url: str, args, script: Path | None, duration: float) -> dict:
    command = [
        "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={duration:g}s",
        "--timeout=10s",
        "--latency",
    ]
    if script is not None:
        command += ["--script", str(script)]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    return parse_wrk(done.stdout)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved repeats")
    parser.add_argument("--warmup", type=float, default=2, help="seconds before each run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")

    with tempfile.TemporaryDirectory(prefix="kutip-bench-") as tmp:
        tmpdir = Path(tmp)
        script = tmpdir / "verify.lua"
        script.write_text(
            'wrk.method = "POST"\n'
            f"wrk.body = {json.dumps(json.dumps(VERIFY_BODY))}\n"
            'wrk.headers["Content-Type"] = "application/json"\n'
        )
        kutip_port, bare_port = free_port(), free_port()
        servers = []
        try:
            kutip_env = {
                "KUTIP_DB": str(tmpdir / "kutip.db"),
                "KUTIP_SEED_DIR": "seeds",
                # one client, thousands of claims a second: a limit that never trips, so
                # the rate limiter's own cost (one SQLite upsert a claim) is measured
                "KUTIP_VERIFY_LIMIT": "100000000/minute",
            }
            kutip_log = tmpdir / "kutip.log"
            servers.append(start_gunicorn("service:create_app()", kutip_port, kutip_env, kutip_log))
            wait_ready(kutip_port, servers[0], kutip_log)
            base = f"http://127.0.0.1:{kutip_port}"
            size = check(base + SPEAKER_PATH, None, "items")
            check(base + WORD_PATH, None, "items")
            check(base + VERIFY_PATH, VERIFY_BODY, "matches")
            bare_log = tmpdir / "bare.log"
            servers.append(
                start_gunicorn(
                    "bench.bare_app:create_app()",
                    bare_port,
                    {"BARE_BODY_BYTES": str(size)},
                    bare_log,
                )
            )
            wait_ready(bare_port, servers[1], bare_log)
            bare = f"http://127.0.0.1:{bare_port}/"
            if len(fetch(bare)[1]) != size:
                raise SystemExit("the bare app's body is not the speaker response's size")

            runs = [
                ("bare Flask, same body size", bare, None),
                (f"GET {SPEAKER_PATH}", base + SPEAKER_PATH, None),
                (f"GET {WORD_PATH}", base + WORD_PATH, None),
                (f"POST {VERIFY_PATH}", base + VERIFY_PATH, script),
            ]
            rounds: dict[str, list[dict]] = {label: [] for label, _, _ in runs}
            for _ in range(args.rounds):
                for label, url, lua in runs:
                    if args.warmup:
                        run_wrk(url, args, lua, args.warmup)
                    rounds[label].append(run_wrk(url, args, lua, args.duration))
            results = [
                (label, {k: statistics.median(r[k] for r in done) for k in done[0]})
                for label, done in rounds.items()
            ]
        finally:
            for proc in servers:
                stop(proc)

    settings = runpy.run_path(str(REPO / "gunicorn.conf.py"))  # as the servers read it
    workers, worker_class = settings["workers"], settings["worker_class"]
    cap = settings["worker_connections"]
    print(
        f"python {platform.python_version()}, {os.cpu_count()} cores; gunicorn.conf.py: "
        f"{workers} workers ({worker_class}), at most {cap} connections a "
        f"worker; wrk {args.threads} thread(s), "
        f"{args.connections} connections, {args.duration:g} s per run, median of "
        f"{args.rounds} interleaved rounds; body {size} bytes"
    )
    bare_rps = results[0][1]["rps"]
    print("| request | req/s | p50 ms | p99 ms | ratio to bare Flask |")
    print("|---|---|---|---|---|")
    for label, r in results:
        print(
            f"| {label} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} "
            f"| {r['rps'] / bare_rps:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
