"""Serving the site with gunicorn and loading it: one request at a time, then with wrk."""

import http.client
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(port, path, timeout=60):
    """(status, seconds, bytes) for one GET on a new connection, as gunicorn's sync workers
    close each connection after the response."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, time.perf_counter() - started, len(body)


def wait_until_serving(port, path, process, limit=120):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with status {process.returncode}")
        try:
            get(port, path, timeout=5)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {path} within {limit} s")


@contextmanager
def gunicorn(env, port, workers, log_path, probe_path):
    """gunicorn with `workers` sync workers on loopback; stopped however the block ends."""
    command = [
        sys.executable, "-m", "gunicorn", "hub.wsgi:application",
        "--workers", str(workers), "--worker-class", "sync",
        "--bind", f"{HOST}:{port}", "--chdir", str(ROOT),
        "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=log)  # noqa: S603
        try:
            wait_until_serving(port, probe_path, process)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def alone(port, path, runs=15):
    """Median seconds of `runs` sequential requests with nothing else going on, after one
    untimed request; and the status of the last one. Fifteen, so that the first request a
    second worker answers (which works out what each worker remembers per content version,
    hub/versions.py) or a busy moment on a shared machine cannot move the median."""
    get(port, path)
    samples, status = [], None
    for _ in range(runs):
        status, seconds, _size = get(port, path)
        samples.append(seconds)
    return statistics.median(samples), status


def wrk_binary():
    path = shutil.which("wrk")
    if not path:
        raise RuntimeError("wrk is not installed: apt-get install -y wrk (make bench-site does)")
    return path


def wrk(port, path, seconds, connections=8, threads=2, script=True):
    command = [
        wrk_binary(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
    ]  # fmt: skip
    if script:
        command += ["-s", str(WRK_SCRIPT)]
    command.append(f"http://{HOST}:{port}{path}")
    result = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout


def parse_report(output):
    """The numbers wrk_report.lua prints on its `BENCH` line."""
    line = next((x for x in output.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError("wrk printed no BENCH line:\n" + output)
    numbers = {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}
    socket_errors = sum(numbers[key] for key in ("connect", "read", "write", "timeout"))
    return {
        "rps": numbers["requests"] / numbers["seconds"] if numbers["seconds"] else 0.0,
        "requests": int(numbers["requests"]),
        "p50": numbers["p50"],
        "p95": numbers["p95"],
        "p99": numbers["p99"],
        "errors": int(numbers["status"] + socket_errors),
        "status_errors": int(numbers["status"]),
        "socket_errors": int(socket_errors),
    }


def drain(port, probe_path, limit=900):
    """Seconds until the workers have worked through what wrk left queued when it stopped.

    wrk does not wait for the requests still in flight at the end, and gunicorn's sync workers
    finish each one (a page taking seconds under load leaves a queue of them); without this
    wait the next URL would be measured behind that queue. The probe queues behind it too."""
    started = time.perf_counter()
    get(port, probe_path, timeout=limit)
    return time.perf_counter() - started


def load(port, path, seconds, warmup, probe_path):
    """A short unmeasured run, then the measured one, each followed by draining the queue."""
    if warmup > 0:
        wrk(port, path, warmup, script=False)
        drain(port, probe_path)
    result = parse_report(wrk(port, path, seconds))
    result["drain"] = drain(port, probe_path)
    return result
