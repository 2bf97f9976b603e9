"""What the bench scripts share: a free port, and timing a proxy from launch to its first answer."""
import http.client
import os
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ms(pid):
    """User + system CPU time of a running process, from /proc."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def first_answer(command, port, body, cwd=None):
    """Starts `command` (a proxy that will listen on `port`), POSTs `body` to /generate until it
    answers, and stops it. Returns (ms from launch to the answer, its status, the proxy's CPU ms)."""
    start = time.perf_counter()
    proxy = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("POST", "/generate", body, {"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                return (time.perf_counter() - start) * 1000, response.status, cpu_ms(proxy.pid)
            except OSError:
                if proxy.poll() is not None:
                    raise RuntimeError("the proxy exited with %d" % proxy.returncode)
                time.sleep(0.005)
    finally:
        proxy.terminate()
        proxy.wait(30)
