#!/usr/bin/env python3
"""Record-mode overhead: the same N requests sent straight to a stand-in upstream and through
vcr-proxy in record mode (a new key each time, so every call is forwarded and written to disk).
Prints the mean and median per-request difference in ms.

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

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nothing listening on %d" % port)


def timed_posts(port, n, tag):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    times = []
    for i in range(n):
        body = json.dumps({"prompt": "%s request %d" % (tag, i), "max_tokens": 64, "temperature": 0.0})
        start = time.perf_counter()
        conn.request("POST", "/generate", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status == 200, response.status
    conn.close()
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default="proxy-server/target/vcr-proxy.jar")
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    up_port, proxy_port = free_port(), free_port()
    upstream = subprocess.Popen([sys.executable, os.path.join(HERE, "..", "scripts", "demo-upstream.py"), "--port", str(up_port)],
                                stdout=subprocess.DEVNULL)
    fixtures = tempfile.mkdtemp(prefix="vcr-bench-", dir=os.environ.get("FIXTURES_PARENT"))
    proxy = subprocess.Popen(["java"] + os.environ.get("JAVA_OPTS", "").split() + ["-jar", args.jar, "serve", "--port", str(proxy_port), "--mode", os.environ.get("MODE", "record"),
                              "--fixtures", fixtures, "--upstream", "http://127.0.0.1:%d" % up_port],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(up_port)
        wait_port(proxy_port)
        timed_posts(up_port, 50, "warm-direct")
        timed_posts(proxy_port, 200, "warm-proxy")
        direct = timed_posts(up_port, args.n, "direct")
        through = timed_posts(proxy_port, args.n, "proxied")
        print("record overhead over %d calls: mean %.2f ms (direct %.2f, through proxy %.2f), median %.2f ms"
              % (args.n, statistics.mean(through) - statistics.mean(direct), statistics.mean(direct),
                 statistics.mean(through), statistics.median(through) - statistics.median(direct)))
    finally:
        proxy.terminate()
        upstream.terminate()
        proxy.wait(30)
        upstream.wait(10)


if __name__ == "__main__":
    main()
