"""The pytest plugin as the README uses it: installed with pip (no conftest line), against the real jar.

    python3 -m unittest discover -s proxy-client/python/tests -v
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import unittest
from http.server import ThreadingHTTPServer

from test_vcr_proxy import HERE, JAR, Echo, post_json
import vcr_proxy
from vcr_proxy import VcrProxy

PACKAGE = os.path.dirname(HERE)

# A suite as a user writes it: a provider fixture that reads MODAL_ENDPOINT_URL when it is built,
# and no conftest.py at all.
SUITE = '''
import json, os, urllib.request
import pytest

class ModalProvider:
    def __init__(self):
        self.url = os.environ["MODAL_ENDPOINT_URL"]
    def generate(self, prompt, temperature=0.0):
        req = urllib.request.Request(self.url, method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"prompt": prompt, "temperature": temperature}).encode())
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read())

@pytest.fixture
def provider():
    return ModalProvider()

def test_extract(provider):
    assert "%2Ftest_extract/generate" in provider.url
    assert provider.generate("extract")["ir_json"]["echo"] == "extract"
'''


def pip_install(target):
    """``pip install ./proxy-client/python`` into ``target``; None when pip cannot get a build backend here."""
    run = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
                          "--target", target, PACKAGE], capture_output=True, text=True, timeout=300)
    for leftover in ("build", "vcr_proxy.egg-info"):
        shutil.rmtree(os.path.join(PACKAGE, leftover), ignore_errors=True)
    if run.returncode != 0:
        if "setuptools" in run.stderr and ("Could not find" in run.stderr or "No matching distribution" in run.stderr):
            return None  # no index to fetch the build backend from (a user's machine has one)
        raise AssertionError("pip install failed:\n" + run.stdout + run.stderr)
    return target


@unittest.skipUnless(os.path.exists(JAR), "no proxy jar at %s: build it with ./mvnw -B -DskipTests package" % JAR)
@unittest.skipIf(vcr_proxy.pytest is None, "pytest is not installed")
class InstalledPlugin(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = pip_install(tempfile.mkdtemp(prefix="vcr-pip-"))
        if cls.site is None:
            raise unittest.SkipTest("pip could not fetch setuptools to build the package (no package index reachable)")
        cls.upstream = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
        threading.Thread(target=cls.upstream.serve_forever, daemon=True).start()
        cls.fixtures = tempfile.mkdtemp(prefix="vcr-plugin-")
        cls.proxy = subprocess.Popen(
            ["java", "-jar", JAR, "serve", "--port", "0", "--mode", "replay", "--fixtures", cls.fixtures,
             "--upstream", "http://127.0.0.1:%d" % cls.upstream.server_address[1]],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        ready = cls.proxy.stdout.readline().strip()
        if not ready.startswith("vcr-proxy listening on "):
            cls.proxy.kill()
            raise RuntimeError("proxy did not start: %r" % ready)
        cls.url = ready.split()[3]
        cls.vcr = VcrProxy(cls.url)

    @classmethod
    def tearDownClass(cls):
        cls.proxy.terminate()
        cls.proxy.wait(timeout=40)
        cls.upstream.shutdown()

    def setUp(self):
        self.vcr.set_mode("replay")

    def pytest(self, suite, *args, **env):
        """Runs pytest on ``suite`` ({file name: text}) with only the pip-installed package on the path."""
        folder = tempfile.mkdtemp(prefix="vcr-suite-")
        for name, text in suite.items():
            with open(os.path.join(folder, name), "w") as f:
                f.write(textwrap.dedent(text))
        environ = {k: v for k, v in os.environ.items() if k not in ("RECORD_FIXTURES", "MODAL_ENDPOINT_URL")}
        environ.update(VCR_ADMIN_URL=self.url, PYTHONPATH=self.site, **env)
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", folder] + list(args),
                              cwd=folder, env=environ, capture_output=True, text=True, timeout=120)

    def cassette(self, name):
        return os.path.join(self.fixtures, name + ".json")

    def test_record_fixtures_true_records_with_vcr_autouse_and_no_conftest(self):
        for value in ("1", "Yes"):
            with self.subTest(RECORD_FIXTURES=value):
                module = "test_record_%s" % value
                run = self.pytest({module + ".py": SUITE, "pytest.ini": "[pytest]\nvcr_autouse = true\n"},
                                  RECORD_FIXTURES=value)
                self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
                with open(self.cassette(module + "/test_extract")) as f:
                    self.assertEqual(json.load(f)["interactions"][0]["request"]["body"]["prompt"], "extract")
                self.assertEqual(self.vcr.mode(), "replay", "the proxy's mode is restored after the run")
                replayed = self.pytest({module + ".py": SUITE}, "--vcr-autouse")
                self.assertEqual(replayed.returncode, 0, replayed.stdout + replayed.stderr)

    def test_without_autouse_a_provider_fixture_built_first_misses_the_cassette(self):
        # The trap the autouse option removes: the provider reads the variable before vcr_cassette sets it.
        trap = SUITE.replace("def test_extract(provider):", "def test_extract(provider, vcr_cassette):")
        run = self.pytest({"test_trap.py": trap}, RECORD_FIXTURES="on")
        self.assertNotEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertIn("KeyError: 'MODAL_ENDPOINT_URL'", run.stdout)
        marked = self.pytest({"test_trap.py": trap + "\npytestmark = pytest.mark.vcr_cassette('trap/test_extract')\n"},
                             RECORD_FIXTURES="on")
        self.assertEqual(marked.returncode, 0, marked.stdout + marked.stderr)

    def test_an_xdist_worker_leaves_the_proxy_recording_for_its_siblings(self):
        run = self.pytest({"test_worker.py": SUITE}, "--vcr-autouse", RECORD_FIXTURES="true", PYTEST_XDIST_WORKER="gw0")
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertEqual(self.vcr.mode(), "record-missing")

    def test_other_values_of_record_fixtures_replay(self):
        run = self.pytest({"test_false.py": SUITE}, "--vcr-autouse", RECORD_FIXTURES="false")
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("had no recording in cassette 'test_false/test_extract'", run.stdout)
        self.assertFalse(os.path.exists(self.cassette("test_false/test_extract")))

    def test_a_miss_fails_the_test_with_the_differences(self):
        self.vcr.set_mode("record-missing")
        post_json(self.vcr.cassette_url("test_suite/test_swallowed", "/generate"), {"prompt": "p", "temperature": 0.0})
        post_json(self.vcr.cassette_url("test_suite/test_raises", "/generate"), {"prompt": "p", "temperature": 0.0})
        self.vcr.set_mode("replay")
        run = self.pytest({"test_suite.py": SUITE + '''
def test_swallowed(provider):
    try:
        provider.generate("p", temperature=0.7)
    except Exception:
        pass  # a client that hides the 404

def test_raises(provider):
    provider.generate("p", temperature=0.7)
'''}, "--vcr-autouse", "-k", "swallowed or raises")
        self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
        self.assertIn("2 failed", run.stdout)
        self.assertIn("vcr-proxy: 1 request(s) had no recording in cassette 'test_suite/test_swallowed':", run.stdout)
        self.assertIn("vcr-proxy: 1 request(s) had no recording in cassette 'test_suite/test_raises':", run.stdout)
        self.assertIn("body /temperature: recorded 0.0, actual 0.7", run.stdout)
        self.assertIn("HTTPError", run.stdout, "the test's own failure is kept below the differences")

    def test_pytest_plugins_in_conftest_still_works_with_the_package_installed(self):
        run = self.pytest({"test_conftest.py": SUITE, "conftest.py": "pytest_plugins = ['vcr_proxy']\n"},
                          "--vcr-autouse", RECORD_FIXTURES="true")
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)


class RecordFixturesValues(unittest.TestCase):
    def test_true_1_yes_on_in_any_case_mean_record(self):
        for value in ("true", "TRUE", "1", "yes", "On", " on "):
            self.assertTrue(vcr_proxy.record_fixtures_requested({"RECORD_FIXTURES": value}), value)
        for value in ("", "0", "false", "no", "off", "record"):
            self.assertFalse(vcr_proxy.record_fixtures_requested({"RECORD_FIXTURES": value}), value)
        self.assertFalse(vcr_proxy.record_fixtures_requested({}))


class MissDescriptions(unittest.TestCase):
    def test_each_difference_on_its_own_line(self):
        text = vcr_proxy.describe_misses("suite/t", [
            {"key": "23070febb4f9aaaa", "request": "POST /generate", "closest_key": "0d21",
             "differences": [{"field": "body", "pointer": "/temperature", "recorded": 0.0, "actual": 0.7, "change": "changed"},
                             {"field": "body", "pointer": "/seed", "actual": 1, "change": "added"}]},
            {"key": "ffff", "request": "GET /health", "closest_key": None, "differences": []}])
        self.assertEqual(text.splitlines(), [
            "vcr-proxy: 2 request(s) had no recording in cassette 'suite/t':",
            "  POST /generate (key 23070febb4f9)",
            "    body /temperature: recorded 0.0, actual 0.7",
            "    body /seed: not recorded, actual 1",
            "  GET /health (key ffff)",
            "    the cassette has no recording for this route: record it with RECORD_FIXTURES=true"])


if __name__ == "__main__":
    unittest.main()
