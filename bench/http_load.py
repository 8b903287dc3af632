"""The HTTP part of bench/pages_bench.py: gunicorn on the 50k database, under load.

gunicorn runs as production would (2 sync workers, DEBUG off, hashed static files from
``collectstatic``), on 127.0.0.1 and a free port, with plain HTTP and the search's rate limits
raised so that the load is not answered with 429. Each target gets ``--duration`` seconds of
``--connections`` concurrent clients: ``wrk`` when it is installed (Debian: ``apt-get install
wrk``), otherwise a small Python load script (threads, http.client). The Python client shares
the two CPUs with gunicorn and holds the GIL, so its req/s are lower than wrk's and its ratios
closer to 1: compare runs made with the same tool.
"""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from search_bench import ROOT, percentile

GUNICORN = Path(sys.executable).with_name("gunicorn")
UNLIMITED = "100000000/m"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.timeout + e.status))
end
"""


def server_env(args, **extra):
    """Production settings, made to run on plain HTTP on this machine."""
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-key-not-secret-0123456789abcdefgh"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "HSTS_SECONDS": "0",
        "SEARCH_RATE": UNLIMITED,
        "API_RATE": UNLIMITED,
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env):
    """A running gunicorn (2 workers) on a free port; yields (host, port)."""
    port = free_port()
    with tempfile.NamedTemporaryFile(prefix="pages-bench-gunicorn-", suffix=".log") as log:
        command = [str(GUNICORN), "glossary.wsgi:application", "--workers", "2"]
        command += ["--bind", f"127.0.0.1:{port}", "--error-logfile", log.name]
        server = subprocess.Popen(command, cwd=ROOT, env=env)
        try:
            wait_until_up(port, log.name)
            yield "127.0.0.1", port
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_until_up(port, log):
    for _attempt in range(100):
        try:
            if get("127.0.0.1", port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not start:\n{Path(log).read_text()}")


def get(host, port, path, headers=None):
    """(status, headers, body) of one GET."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def targets(host, port, role_path):
    """[(name, path, headers, expected status)]: the floor first."""
    status, headers, body = get(host, port, role_path)
    if status != 200:
        sys.exit(f"{role_path} answered {status}")
    static = re.search(rb'<link rel="stylesheet" href="(/static/[^"]+)"', body)
    return [
        ("trivial view (floor)", "/robots.txt", {}, 200),
        ("static file", static.group(1).decode() if static else "/static/css/site.css", {}, 200),
        ("search API", "/api/v1/search?q=marknad", {}, 200),
        ("role page", role_path, {}, 200),
        ("role page 304", role_path, {"If-None-Match": headers.get("ETag", "")}, 304),
    ]


def load_wrk(host, port, path, headers, args):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "-s", script.name]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        done = subprocess.run(
            [*command, f"http://{host}:{port}{path}"], capture_output=True, text=True, check=True
        )
    found = re.search(r"^WRK (\{.*\})$", done.stdout, re.MULTILINE)
    result = json.loads(found.group(1))
    result["rate"] = result["requests"] / result["seconds"]
    return result


def load_python(host, port, path, headers, args):
    """``--connections`` threads, each with its own keep-alive connection, for ``--duration`` s."""
    latencies, errors = [], []
    deadline = time.perf_counter() + args.duration

    def client():
        connection = http.client.HTTPConnection(host, port, timeout=30)
        mine, failed = [], 0
        while (started := time.perf_counter()) < deadline:
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                failed += response.status >= 400
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
            mine.append((time.perf_counter() - started) * 1000)
        latencies.extend(mine)
        errors.append(failed)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    result = {f"p{n}": percentile(latencies, n / 100) for n in (50, 95, 99)}
    return {**result, "requests": len(latencies), "seconds": seconds, "errors": sum(errors),
            "rate": len(latencies) / seconds}  # fmt: skip


def measure(host, port, rows, args):
    """Load each target after a short warm-up (every worker renders and caches it once)."""
    tool = load_wrk if shutil.which("wrk") else load_python
    results = []
    for name, path, headers, expected in rows:
        for _warm in range(20):
            status = get(host, port, path, headers)[0]
        if status != expected:
            sys.exit(f"{path} answered {status}, not {expected}")
        print(f"  loading {path} ({name}) …", file=sys.stderr)
        results.append((name, path, status, tool(host, port, path, headers, args)))
    return results


def collect_static(env):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


ROLE_TARGETS = {"role page": 0.5, "role page 304": 0.9, "search API": 0.5}


def http_table(args, role):
    """Run the load on the role page at ``role`` (a path) and the others; the table's lines."""
    env = server_env(args)
    collect_static(env)
    print("Loading gunicorn on the 50k database …", file=sys.stderr)
    with gunicorn(env) as (host, port):
        results = measure(host, port, targets(host, port, role), args)
    with gunicorn(server_env(args, PAGE_CACHE_SECONDS="0")) as (host, port):
        row = ("role page, no page cache", role, {}, 200)
        results += measure(host, port, [row], args)
    tool = "wrk -t2" if shutil.which("wrk") else "the Python load script"
    cache = "Redis" if args.redis_url else "local memory per worker"
    lines = [
        f"### HTTP (gunicorn, 2 sync workers, 50k database, page cache in {cache}; "
        f"{tool}, {args.connections} connections, {args.duration} s per target)",
        "",
        "| target | path | status | req/s | p50 ms | p95 ms | p99 ms | errors | vs floor "
        "| target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    floor = results[0][3]["rate"]
    for name, path, status, result in results:
        ratio = result["rate"] / floor
        wanted = ROLE_TARGETS.get(name)
        verdict = (
            "–" if wanted is None else f"≥ {wanted:.0%}: " + ("ok" if ratio >= wanted else "MISS")
        )
        lines.append(
            f"| {name} | `{path}` | {status} | {result['rate']:,.0f} | {result['p50']:.1f} "
            f"| {result['p95']:.1f} | {result['p99']:.1f} | {result['errors']} | {ratio:.0%} "
            f"| {verdict} |"
        )
    return lines
