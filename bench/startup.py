#!/usr/bin/env python3
"""Startup: launch -> first replayed answer from fixtures/ (the README's demo request), for plain
`java -jar` and with a class-data archive (made first by docker/train-class-archive, as the Docker
image does), on one core and on two (taskset). The four are measured in turns, so that a machine
slowing down over the run affects them alike. Prints the median wall time and the JVM's CPU time
(user + sys) at the first answer.

    python3 bench/startup.py --jar proxy-server/target/vcr-proxy.jar [--runs 7]
"""
import argparse
import os
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEMO = b'{"prompt": "Extract the shipment: 3 crates to Oslo by Friday", "max_tokens": 256, "temperature": 0.0}'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ms(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def first_answer(cpus, java_flags, jar):
    """(wall ms, cpu ms) from launch to the first 200."""
    port = free_port()
    start = time.perf_counter()
    proxy = subprocess.Popen(["taskset", "-c", cpus, "java"] + java_flags + ["-jar", jar, "serve", "--port", str(port)],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        request = urllib.request.Request("http://127.0.0.1:%d/generate" % port, data=DEMO,
                                         headers={"Content-Type": "application/json"})
        while True:
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    if response.status == 200:
                        return (time.perf_counter() - start) * 1000, cpu_ms(proxy.pid)
            except OSError:
                if proxy.poll() is not None:
                    raise RuntimeError("the proxy exited with %d" % proxy.returncode)
                time.sleep(0.005)
    finally:
        proxy.kill()
        proxy.wait(30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default="proxy-server/target/vcr-proxy.jar")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    jar = os.path.abspath(args.jar)
    archive = os.path.join(tempfile.mkdtemp(prefix="vcr-startup-"), "vcr-proxy.jsa")
    subprocess.run(["bash", os.path.join(ROOT, "docker", "train-class-archive"), archive, os.path.join(ROOT, "fixtures")],
                   env=dict(os.environ, VCR_PROXY_JAR=jar), check=True, stdout=subprocess.DEVNULL)
    cases = [("java -jar", "0", []), ("java -jar", "0,1", []),
             ("with a class-data archive", "0", ["-XX:SharedArchiveFile=" + archive]),
             ("with a class-data archive", "0,1", ["-XX:SharedArchiveFile=" + archive])]
    results = {case: [] for case in range(len(cases))}
    first_answer("0,1", [], jar)  # page cache and disk warm for everyone
    for _ in range(args.runs):
        for i, (_, cpus, flags) in enumerate(cases):
            results[i].append(first_answer(cpus, flags, jar))
    print("launch -> first replayed answer, median of %d:" % args.runs)
    for i, (name, cpus, _) in enumerate(cases):
        walls, cpu = zip(*results[i])
        print("  %-26s %-9s %5.0f ms   (JVM CPU %5.0f ms)" % (name, "one core" if cpus == "0" else "two cores",
                                                             statistics.median(walls), statistics.median(cpu)))
    os.remove(archive)


if __name__ == "__main__":
    main()
