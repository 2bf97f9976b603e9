"""Forward-proxy mode from Python: the exports of vcr_forward / forward_env reach the real jar (stdlib unittest).

    python3 -m unittest discover -s proxy-client/python/tests -v
"""
import json
import os
import ssl
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from vcr_proxy import VcrProxy  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
JAR = os.path.join(ROOT, "proxy-server", "target", "vcr-proxy.jar")


@unittest.skipUnless(os.path.exists(JAR), "no proxy jar at %s: build it with ./mvnw -B -DskipTests package" % JAR)
class ForwardProxy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        work = tempfile.mkdtemp(prefix="vcr-py-forward-")
        cls.ca_dir = os.path.join(work, "ca")
        cls.proxy = subprocess.Popen(
            ["java", "-jar", JAR, "serve", "--port", "0", "--mode", "replay", "--fixtures", os.path.join(work, "fixtures"),
             "--intercept", "api.openai.test", "--ca-dir", cls.ca_dir],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        ready = cls.proxy.stdout.readline().strip()
        if not ready.startswith("vcr-proxy listening on "):
            cls.proxy.kill()
            raise RuntimeError("proxy did not start: %r" % ready)
        cls.vcr = VcrProxy(ready.split()[3])

    @classmethod
    def tearDownClass(cls):
        cls.proxy.terminate()
        cls.proxy.wait(timeout=40)

    def test_forward_env_names_the_proxy_with_the_cassette_as_user_and_the_ca_bundle(self):
        env = self.vcr.forward_env("suite/test_one", ca_dir="/ca")
        self.assertEqual(env["HTTPS_PROXY"], self.vcr.admin_url.replace("http://", "http://suite%2Ftest_one:x@"))
        self.assertEqual(env["SSL_CERT_FILE"], "/ca/bundle.pem")
        self.assertEqual(env["NODE_EXTRA_CA_CERTS"], "/ca/vcr-proxy-ca.pem")

    def test_a_hard_coded_https_url_reaches_the_cassette_named_by_the_proxy_user(self):
        env = self.vcr.forward_env("py/forward_one", ca_dir=self.ca_dir)
        proxy = urllib.request.ProxyHandler({"https": env["HTTPS_PROXY"]})
        tls = urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=env["SSL_CERT_FILE"]))
        opener = urllib.request.build_opener(proxy, tls)
        request = urllib.request.Request("https://api.openai.test/v1/chat/completions", data=b'{"q": 1}',
                                         headers={"Content-Type": "application/json"})
        with self.assertRaises(urllib.error.HTTPError) as raised:  # replay, nothing recorded: a miss, through the tunnel
            opener.open(request, timeout=30)
        self.assertEqual(raised.exception.code, 404)
        error = json.loads(raised.exception.read())["error"]
        self.assertEqual(error["type"], "vcr_cassette_miss")
        self.assertEqual(error["cassette"], "py/forward_one")


if __name__ == "__main__":
    unittest.main()
