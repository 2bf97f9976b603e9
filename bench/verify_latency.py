#!/usr/bin/env python3
"""Latency of a hit in mode verify against a hit in replay: the same recorded request, N times on
one keep-alive connection after a warm-up, through a proxy started in each mode on a copy of
fixtures/. In verify the recording's first hit also goes to the (slow, --delay-ms) stand-in
upstream in the background (each recording is compared once per run); the client must not wait
for it. Prints median and p90 per mode, their ratio, and the
proxy's CPU time per hit (in verify, the live call and the comparison included).

    python3 bench/verify_latency.py --jar proxy-server/target/vcr-proxy.jar [--n 500] [--delay-ms 200]
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from launch import cpu_ms, free_port
from record_overhead import wait_port

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BODY = json.dumps({"prompt": "Extract the shipment: 3 crates to Oslo by Friday", "max_tokens": 256, "temperature": 0.0})


def timed_hits(port, n):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        conn.request("POST", "/generate", BODY, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
        if response.getheader("X-Vcr-Result") != "hit":
            raise RuntimeError("expected a hit, got %s %s" % (response.status, response.getheader("X-Vcr-Result")))
    conn.close()
    return times


def run(jar, mode, fixtures, upstream_port, n, warmup, delay_ms):
    port = free_port()
    proxy = subprocess.Popen(["java", "-jar", jar, "serve", "--port", str(port), "--mode", mode, "--fixtures", fixtures,
                              "--route", "/generate=http://127.0.0.1:%d/generate" % upstream_port],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        timed_hits(port, warmup)
        before = cpu_ms(proxy.pid)
        times = timed_hits(port, n)
        time.sleep(delay_ms / 1000 + 0.5)  # the live calls behind the last hits finish
        return times, (cpu_ms(proxy.pid) - before) / n
    finally:
        proxy.send_signal(signal.SIGTERM)
        proxy.wait(60)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default=os.path.join(ROOT, "proxy-server/target/vcr-proxy.jar"))
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--delay-ms", type=int, default=200)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="vcr-verify-bench-")
    fixtures = os.path.join(work, "fixtures")
    shutil.copytree(os.path.join(ROOT, "fixtures"), fixtures)
    upstream_port = free_port()
    upstream = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts/demo-upstream.py"), "--port", str(upstream_port),
                                 "--delay-ms", str(args.delay_ms)], stdout=subprocess.DEVNULL)
    try:
        wait_port(upstream_port)
        results = {}
        for mode in ("replay", "verify"):
            times, cpu = run(args.jar, mode, fixtures, upstream_port, args.n, args.warmup, args.delay_ms)
            times.sort()
            results[mode] = (statistics.median(times), times[int(len(times) * 0.9)])
            print("%-7s median %.3f ms  p90 %.3f ms  proxy CPU %.3f ms per hit (%d hits)"
                  % (mode, results[mode][0], results[mode][1], cpu, args.n))
        print("verify / replay: median %.2f, p90 %.2f" % (results["verify"][0] / results["replay"][0],
                                                        results["verify"][1] / results["replay"][1]))
    finally:
        upstream.terminate()
        upstream.wait(10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
