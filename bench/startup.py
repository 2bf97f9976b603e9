#!/usr/bin/env python3
"""Startup: launch -> first replayed answer from fixtures/ (the README's demo request), for plain
`java -jar`, with a class-data archive (made first by docker/train-class-archive, as the Docker
image does), and through the `./vcr-proxy` launcher (its own archive beside the jar, made before
the runs by one `./vcr-proxy --version`), on one core and on two (taskset). The six are measured in
turns, so that a machine slowing down over the run affects them alike. Prints the median wall time
and the JVM's CPU time (user + sys) at the first answer.

    python3 bench/startup.py --jar proxy-server/target/vcr-proxy.jar [--runs 7]
"""
import argparse
import os
import statistics
import subprocess
import tempfile

from launch import first_answer, free_port

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEMO = b'{"prompt": "Extract the shipment: 3 crates to Oslo by Friday", "max_tokens": 256, "temperature": 0.0}'


LAUNCHER = "./vcr-proxy"


def timed_start(cpus, java_flags, jar):
    """(wall ms, JVM CPU ms) from launch to the first answer, which must be the recorded 200."""
    port = free_port()
    if java_flags == LAUNCHER:  # bash execs java in the same process, so its CPU time is the JVM's
        command = ["taskset", "-c", cpus, "bash", os.path.join(ROOT, "vcr-proxy"), "serve", "--port", str(port)]
    else:
        command = ["taskset", "-c", cpus, "java"] + java_flags + ["-jar", jar, "serve", "--port", str(port)]
    ms, status, cpu = first_answer(command, port, DEMO, cwd=ROOT)
    if status != 200:
        raise RuntimeError("the demo request got %d, not a replayed 200: are fixtures/ intact?" % status)
    return ms, cpu


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
    if jar == os.path.join(ROOT, "proxy-server", "target", "vcr-proxy.jar"):  # the launcher runs that one
        subprocess.run(["bash", os.path.join(ROOT, "vcr-proxy"), "--version"], check=True, stdout=subprocess.DEVNULL)
        cases += [("./vcr-proxy (launcher)", "0", LAUNCHER), ("./vcr-proxy (launcher)", "0,1", LAUNCHER)]
    results = {case: [] for case in range(len(cases))}
    timed_start("0,1", [], jar)  # page cache and disk warm for everyone
    for _ in range(args.runs):
        for i, (_, cpus, flags) in enumerate(cases):
            results[i].append(timed_start(cpus, flags, jar))
    print("launch -> first replayed answer, median of %d:" % args.runs)
    for i, (name, cpus, _) in enumerate(cases):
        walls, cpu = zip(*results[i])
        print("  %-26s %-9s %5.0f ms   (JVM CPU %5.0f ms)" % (name, "one core" if cpus == "0" else "two cores",
                                                             statistics.median(walls), statistics.median(cpu)))
    os.remove(archive)


if __name__ == "__main__":
    main()
