"""Benchmark of the web service over real HTTP (prints numbers; never pass/fail).

1. **Refresh latency**, as a page that previews while the clerk types would see it: the server is started
   as a clerk starts it (``python -m draftgen serve``, one uvicorn process), then ``--requests`` POSTs of the
   same letter are sent one after the other on one keep-alive connection, to each ``--endpoint`` (default
   /api/validate, /api/render and the page's live preview /soan/xem-truoc, sent the form a browser sends);
   p50, p95 and max in ms.
   Target (issue 12): p95 <= 100 ms for a two-page letter.
2. **Renders per second** with 2 uvicorn workers (``draftgen serve --workers 2``, as the README tells an
   office to run it; and plain ``uvicorn --factory draftgen.web.app:create_app --workers 2``, whose
   keep-alive connections wait ~40 ms for delayed ACKs, uvicorn issue #3149), and with 1 process for
   comparison: ``--clients`` threads POST /api/render for ``--seconds``; documents per second.

The letter defaults to examples/quyet-dinh/quyet-dinh-ban-chi-dao-dak-lak-2025.yaml (two A4 pages when
printed by LibreOffice); ``--letter`` takes another (examples/cascade/dak-lak-968.yaml: a three-page Công văn).

    python benchmarks/web.py [--requests 200] [--endpoint /api/render ...] [--letter FILE] [--seconds 10]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "examples" / "quyet-dinh" / "quyet-dinh-ban-chi-dao-dak-lak-2025.yaml"
PREVIEW = "/soan/xem-truoc"  # the page's live preview (htmx, debounced): form fields in, the A4 sheets' HTML out
DEFAULT_ENDPOINTS = ["/api/validate", "/api/render", PREVIEW]



def preview_form(port: int, letter: Path) -> bytes:
    """What the page's live preview sends: the form filled from ``letter`` (as a clerk who opened it would have it),
    URL-encoded. The form comes from the server itself (POST /soan/mo-yaml), read as a browser would submit it."""
    import urllib.parse

    import httpx

    sys.path.insert(0, str(ROOT / "tests" / "web"))
    from formscrape import form_pairs

    page = httpx.post(f"http://127.0.0.1:{port}/soan/mo-yaml", timeout=30,
                      files={"tep": (letter.name, letter.read_bytes(), "text/yaml")})
    return urllib.parse.urlencode(form_pairs(page.text)).encode("utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_for(port: int) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    return {**os.environ, "PYTHONPATH": path, "DRAFTGEN_WEB_HOSTS": f"127.0.0.1:{port}"}


def start(command: list[str], port: int) -> subprocess.Popen[bytes]:
    """Start a server and wait until it answers GET /api/types."""
    server = subprocess.Popen(command, env=env_for(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/types")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"server did not start: {' '.join(command)}")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()


def post(conn: http.client.HTTPConnection, path: str, body: bytes) -> tuple[int, bytes]:
    kind = "application/x-www-form-urlencoded" if path == PREVIEW else "application/yaml"
    conn.request("POST", path, body=body, headers={"Content-Type": kind})
    response = conn.getresponse()
    return response.status, response.read()


def latency(port: int, path: str, body: bytes, requests: int, warmup: int = 10) -> dict[str, float] | str:
    """Sequential POSTs on one connection: ms per request (p50, p95, max, mean), or why it was skipped."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, data = post(conn, path, body)
    if status != 200:
        return f"HTTP {status}: {data[:120]!r}"
    for _ in range(warmup):
        post(conn, path, body)
    times = []
    for _ in range(requests):
        start_at = time.perf_counter()
        status, _data = post(conn, path, body)
        times.append((time.perf_counter() - start_at) * 1000)
        if status != 200:
            return f"HTTP {status} during the run"
    conn.close()
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))], "max": times[-1],
            "mean": statistics.fmean(times), "n": len(times)}


def throughput(port: int, body: bytes, clients: int, seconds: float) -> tuple[float, int, int]:
    """``clients`` threads POST /api/render for ``seconds``: (documents per second, documents, failures)."""
    done = [0] * clients
    failed = [0] * clients
    stop_at = time.monotonic() + seconds

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < stop_at:
            status, _data = post(conn, "/api/render", body)
            if status == 200:
                done[n] += 1
            else:
                failed[n] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    return sum(done) / elapsed, sum(done), sum(failed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="sequential requests per endpoint (>= 200)")
    parser.add_argument("--endpoint", action="append", dest="endpoints", metavar="PATH",
                        help=f"endpoint to time (repeatable; default {' '.join(DEFAULT_ENDPOINTS)})")
    parser.add_argument("--letter", type=Path, default=LETTER, help="the YAML sent")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each throughput run")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients of the throughput runs")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    body = args.letter.read_bytes()
    endpoints = args.endpoints or DEFAULT_ENDPOINTS
    print(f"letter: {args.letter.relative_to(ROOT) if args.letter.is_relative_to(ROOT) else args.letter} "
          f"({len(body)} bytes); machine: {os.cpu_count()} cores")

    port = free_port()
    server = start([sys.executable, "-m", "draftgen", "serve", "--port", str(port)], port)
    try:
        print(f"\n1. refresh latency, draftgen serve (1 process), {args.requests} sequential requests, ms:")
        for path in endpoints:
            result = latency(port, path, preview_form(port, args.letter) if path == PREVIEW else body, args.requests)
            if isinstance(result, str):
                print(f"  {path:16} skipped ({result})")
            else:
                print(f"  {path:16} p50 {result['p50']:6.1f}   p95 {result['p95']:6.1f}   max {result['max']:6.1f}"
                      f"   mean {result['mean']:6.1f}   (n={result['n']})")
    finally:
        stop(server)
    if args.skip_throughput:
        return
    print(f"\n2. renders per second, POST /api/render, {args.clients} clients, {args.seconds:g} s each:")
    runs = [("draftgen serve, 1 process", 1, ["-m", "draftgen", "serve"]),
            ("draftgen serve --workers 2", 2, ["-m", "draftgen", "serve", "--workers", "2"]),
            ("uvicorn --workers 2 (plain)", 2, ["-m", "uvicorn", "--factory", "draftgen.web.app:create_app",
                                                "--host", "127.0.0.1", "--workers", "2", "--log-level", "warning"])]
    for label, _workers, command in runs:
        port = free_port()
        server = start([sys.executable, *command, "--port", str(port)], port)
        try:
            rate, count, failed = throughput(port, body, args.clients, args.seconds)
            print(f"  {label:28} {rate:6.1f} documents/s ({count} documents, {failed} failed)")
            if "--workers" in command:
                result = latency(port, "/api/render", body, 100)
                if isinstance(result, dict):
                    print(f"  {'':28} one client: p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms")
        finally:
            stop(server)


if __name__ == "__main__":
    main()
