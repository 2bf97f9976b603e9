"""Tests for vcr_proxy.py against the real proxy jar (stdlib unittest; skipped when no jar is built).

    python3 -m unittest discover -s proxy-client/python/tests -v
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import vcr_proxy  # noqa: E402
from vcr_proxy import VcrProxy, VcrProxyError  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
JAR = os.path.join(ROOT, "proxy-server", "target", "vcr-proxy.jar")


class Echo(BaseHTTPRequestHandler):
    """A stand-in Modal endpoint: echoes the prompt."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        data = json.dumps({"ir_json": {"echo": body.get("prompt")}, "tokens_used": 7}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("X-Vcr-Result"), json.loads(response.read())


@unittest.skipUnless(os.path.exists(JAR), "no proxy jar at %s: build it with ./mvnw -B -DskipTests package" % JAR)
class AgainstTheRealProxy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.upstream = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
        threading.Thread(target=cls.upstream.serve_forever, daemon=True).start()
        cls.fixtures = tempfile.mkdtemp(prefix="vcr-py-")
        cls.proxy = subprocess.Popen(
            ["java", "-jar", JAR, "serve", "--port", "0", "--mode", "record-missing", "--fixtures", cls.fixtures,
             "--upstream", "http://127.0.0.1:%d" % cls.upstream.server_address[1], "--admin-token", "tok"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        ready = cls.proxy.stdout.readline().strip()
        if not ready.startswith("vcr-proxy listening on "):
            cls.proxy.kill()
            raise RuntimeError("proxy did not start: %r" % ready)
        cls.url = ready.split()[3]
        cls.vcr = VcrProxy(cls.url, token="tok")

    @classmethod
    def tearDownClass(cls):
        cls.proxy.terminate()
        cls.proxy.wait(timeout=40)
        cls.upstream.shutdown()

    def test_health_mode_and_cassette(self):
        self.assertEqual(self.vcr.health()["status"], "ok")
        self.assertEqual(self.vcr.set_mode("record-missing"), "record-missing")
        self.assertEqual(self.vcr.mode(), "record-missing")
        self.assertEqual(self.vcr.set_mode("verify"), "verify")
        self.assertEqual(self.vcr.health()["mode"], "verify")
        self.assertEqual(self.vcr.set_mode("record-missing"), "record-missing")
        self.assertEqual(self.vcr.use_cassette("py/active"), "py/active")
        self.assertEqual(self.vcr.cassette(), "py/active")
        self.vcr.use_cassette("default")

    def test_records_then_replays_through_a_cassette_url(self):
        url = self.vcr.cassette_url("py/suite/test_one", "/generate")
        self.assertTrue(url.endswith("/__cassette/py%2Fsuite%2Ftest_one/generate"))
        result, first = post_json(url, {"prompt": "from python", "temperature": 0.0})
        self.assertEqual(result, "recorded")
        self.vcr.set_mode("replay")
        try:
            result, again = post_json(url, {"temperature": 0, "prompt": "from python"})
            self.assertEqual(result, "hit")
            self.assertEqual(again, first)
        finally:
            self.vcr.set_mode("record-missing")
        with open(os.path.join(self.fixtures, "py", "suite", "test_one.json")) as f:
            self.assertEqual(json.load(f)["interactions"][0]["request"]["body"]["prompt"], "from python")
        stats = self.vcr.stats()
        self.assertEqual(stats["cassettes"]["py/suite/test_one"]["hits"], 1)
        spend = self.vcr.spend("py/suite/test_one")
        self.assertEqual((spend["upstream_calls"], spend["tokens_spent"]), (1, 7))
        self.assertEqual((spend["calls_saved"], spend["tokens_saved"]), (1, 7))
        self.assertGreaterEqual(spend["time_saved_ms"], 0)
        self.assertEqual(self.vcr.spend("py/never-used")["calls_saved"], 0)
        self.assertGreaterEqual(self.vcr.spend()["upstream_calls"], 1)
        self.assertIn("py/suite/test_one", self.vcr.report()["cassettes"])

    def test_errors_are_clear(self):
        with self.assertRaises(VcrProxyError) as denied:
            VcrProxy(self.url, token="").set_mode("record")
        self.assertEqual(denied.exception.status, 401)
        self.assertEqual(denied.exception.error_type, "vcr_unauthorized")
        with self.assertRaises(ValueError):
            self.vcr.set_mode("sometimes")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with self.assertRaises(VcrProxyError) as unreachable:
            VcrProxy("http://127.0.0.1:%d" % port).health()
        self.assertEqual(unreachable.exception.status, 0)
        self.assertIn("cannot reach vcr-proxy", str(unreachable.exception))

    @unittest.skipIf(vcr_proxy.pytest is None, "pytest is not installed")
    def test_pytest_fixture_points_modal_endpoint_url_at_the_tests_cassette(self):
        suite = tempfile.mkdtemp(prefix="vcr-pytest-")
        with open(os.path.join(suite, "conftest.py"), "w") as f:
            f.write("pytest_plugins = ['vcr_proxy']\n")
        with open(os.path.join(suite, "test_modal.py"), "w") as f:
            f.write(
                "import json, os, urllib.request\n"
                "import pytest\n"
                "def call(prompt):\n"
                "    req = urllib.request.Request(os.environ['MODAL_ENDPOINT_URL'], method='POST',\n"
                "        data=json.dumps({'prompt': prompt}).encode(), headers={'Content-Type': 'application/json'})\n"
                "    with urllib.request.urlopen(req) as r:\n"
                "        return json.loads(r.read())\n"
                "def test_parser(vcr_cassette):\n"
                "    assert vcr_cassette == 'test_modal/test_parser'\n"
                "    assert call('a')['ir_json']['echo'] == 'a'\n"
                "@pytest.mark.vcr_cassette('shared/named')\n"
                "def test_named(vcr_cassette):\n"
                "    assert os.environ['MODAL_ENDPOINT_URL'].endswith('/__cassette/shared%2Fnamed/generate')\n"
                "    assert call('b')['ir_json']['echo'] == 'b'\n")
        env = dict(os.environ, VCR_ADMIN_URL=self.url,
                   PYTHONPATH=os.path.dirname(HERE) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", suite],
                             env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.fixtures, "test_modal", "test_parser.json")))
        self.assertTrue(os.path.exists(os.path.join(self.fixtures, "shared", "named.json")))


@unittest.skipUnless(os.path.exists(JAR), "no proxy jar at %s: build it with ./mvnw -B -DskipTests package" % JAR)
class WaitingForAStartingProxy(unittest.TestCase):
    @staticmethod
    def free_port():
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def test_wait_ready_returns_once_a_proxy_started_in_the_background_answers(self):
        port = self.free_port()
        fixtures = tempfile.mkdtemp(prefix="vcr-py-wait-")
        proxy = subprocess.Popen(["java", "-jar", JAR, "serve", "--port", str(port), "--fixtures", fixtures],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            vcr = VcrProxy("http://127.0.0.1:%d" % port)
            with self.assertRaises(VcrProxyError):
                vcr.health()  # the JVM is still starting
            self.assertEqual(vcr.wait_ready(timeout=60)["status"], "ok")
        finally:
            proxy.terminate()
            proxy.wait(timeout=40)

    def test_wait_ready_gives_up_with_a_clear_error(self):
        vcr = VcrProxy("http://127.0.0.1:%d" % self.free_port())
        with self.assertRaises(VcrProxyError) as gave_up:
            vcr.wait_ready(timeout=0.3)
        self.assertEqual(gave_up.exception.status, 0)
        self.assertIn("cannot reach vcr-proxy", str(gave_up.exception))
        self.assertIn("waited 0.3 s", str(gave_up.exception))


class PureParts(unittest.TestCase):
    def test_cassette_names_from_pytest_node_ids(self):
        self.assertEqual(vcr_proxy.cassette_name_for("tests/test_parser.py::test_one"), "test_parser/test_one")
        self.assertEqual(vcr_proxy.cassette_name_for("tests/test_p.py::TestX::test_y[a b]"), "test_p/TestX/test_y_a_b_")

    def test_cassette_url_encodes_the_name_as_one_segment(self):
        self.assertEqual(VcrProxy("http://h:1/").cassette_url("a/b", "generate"), "http://h:1/__cassette/a%2Fb/generate")


if __name__ == "__main__":
    unittest.main()
