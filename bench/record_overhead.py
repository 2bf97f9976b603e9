#!/usr/bin/env python3
"""Record-mode overhead: N requests sent straight to a stand-in upstream, then through vcr-proxy
(a new key each time, so every call is forwarded), after a warm-up, in three ways: passthrough (forwarded, nothing
written), record into one cassette per test of 5 calls (the usual layout), and record into one
cassette that grows to N interactions (each write rewrites the whole file). Prints the mean and
median per-request difference from the direct calls, in ms.

    python3 bench/record_overhead.py --jar proxy-server/target/vcr-proxy.jar [--n 300]
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from launch import free_port

HERE = os.path.dirname(os.path.abspath(__file__))


def wait_port(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nothing listening on %d" % port)


def timed_posts(port, n, tag, cassette=None):
    """Times n POSTs on one keep-alive connection; cassette(i) names the cassette of call i."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    times = []
    for i in range(n):
        body = json.dumps({"prompt": "%s request %d" % (tag, i), "max_tokens": 64, "temperature": 0.0})
        headers = {"Content-Type": "application/json"}
        if cassette:
            headers["X-Vcr-Cassette"] = cassette(i)
        start = time.perf_counter()
        conn.request("POST", "/generate", body, headers)
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status == 200, response.status
    conn.close()
    return times


def set_mode(port, mode):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("PUT", "/__vcr/mode", json.dumps({"mode": mode}), {"Content-Type": "application/json"})
    assert conn.getresponse().status == 200
    conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default="proxy-server/target/vcr-proxy.jar")
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    up_port, proxy_port = free_port(), free_port()
    upstream = subprocess.Popen([sys.executable, os.path.join(HERE, "..", "scripts", "demo-upstream.py"), "--port", str(up_port)],
                                stdout=subprocess.DEVNULL)
    fixtures = tempfile.mkdtemp(prefix="vcr-bench-", dir=os.environ.get("FIXTURES_PARENT"))
    proxy = subprocess.Popen(["java"] + os.environ.get("JAVA_OPTS", "").split() + ["-jar", args.jar, "serve", "--port", str(proxy_port), "--mode", "record",
                              "--fixtures", fixtures, "--upstream", "http://127.0.0.1:%d" % up_port],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(up_port)
        wait_port(proxy_port)
        # a JVM runs new code slowly for its first thousands of calls: warm both paths up first
        timed_posts(up_port, 500, "warm-direct")
        set_mode(proxy_port, "passthrough")
        timed_posts(proxy_port, 3000, "warm-passthrough")
        set_mode(proxy_port, "record")
        timed_posts(proxy_port, 500, "warm-record", lambda i: "warm/t%d" % (i // 5))
        direct = timed_posts(up_port, args.n, "direct")
        set_mode(proxy_port, "passthrough")
        passthrough = timed_posts(proxy_port, args.n, "passthrough")
        set_mode(proxy_port, "record")
        per_test = timed_posts(proxy_port, args.n, "per-test", lambda i: "bench/t%d" % (i // 5))
        growing = timed_posts(proxy_port, args.n, "growing", lambda i: "bench/one")
        print("direct to the upstream: mean %.2f ms, median %.2f ms over %d calls"
              % (statistics.mean(direct), statistics.median(direct), args.n))
        for label, times in (("passthrough (nothing written)", passthrough),
                             ("record, a cassette per test of 5 calls", per_test),
                             ("record, one cassette growing to %d" % args.n, growing)):
            print("  %-42s overhead: mean %.2f ms, median %.2f ms"
                  % (label, statistics.mean(times) - statistics.mean(direct),
                     statistics.median(times) - statistics.median(direct)))
    finally:
        proxy.terminate()
        upstream.terminate()
        proxy.wait(30)
        upstream.wait(10)


if __name__ == "__main__":
    main()
