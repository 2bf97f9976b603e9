"""The README's fault-injection recipes, run against the real proxy jar (stdlib unittest).

A provider's retry logic meets two 429s (status:429@times=2); its stream parser meets a recorded
stream re-split into 1-byte writes (rechunk:1) and a dropped connection (cut:5). With the official
``openai`` package installed, its client is put through the same; without it those tests skip.

    python3 -m unittest discover -s proxy-client/python/tests -v
"""
import codecs
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import vcr_proxy  # noqa: E402
from vcr_proxy import VcrProxy, VcrProxyError  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
JAR = os.path.join(ROOT, "proxy-server", "target", "vcr-proxy.jar")
DELTAS = ["", "Grüße", " aus", " 🌍", " — ", "你好", "!", ""]
TEXT = "".join(DELTAS)

try:
    import openai
except ImportError:  # the SDK tests skip
    openai = None


class Upstream(BaseHTTPRequestHandler):
    """A stand-in for Modal's /generate (JSON) and OpenAI's chat completions (an SSE stream)."""
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        if self.path.endswith("/chat/completions"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i, delta in enumerate(DELTAS):
                chunk = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-x",
                         "choices": [{"index": 0, "delta": {"content": delta},
                                      "finish_reason": "stop" if i == len(DELTAS) - 1 else None}]}
                self.chunk(("data: " + json.dumps(chunk, ensure_ascii=False) + "\n\n").encode())
            self.chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        data = json.dumps({"ir_json": {"echo": body.get("prompt")}, "tokens_used": 7}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def log_message(self, *args):
        pass


# --- the code under test: what a provider of yours might look like --------------------------------

RETRIED = (429, 500, 502, 503, 504, 529)


def generate_with_retry(url, body, attempts=3, sleep=None):
    """POSTs JSON; on 429/5xx waits Retry-After seconds and tries again."""
    for attempt in range(attempts):
        request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as e:
            if e.code not in RETRIED or attempt == attempts - 1:
                raise
            (sleep or __import__("time").sleep)(float(e.headers.get("Retry-After", "1")))


def stream_chat(url, body, headers=None):
    """Reads an OpenAI-style stream as the bytes arrive and returns the text of its deltas."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers=dict({"Content-Type": "application/json"}, **(headers or {})))
    decoder = codecs.getincrementaldecoder("utf-8")()
    buffer, text = "", []
    with urllib.request.urlopen(request, timeout=30) as response:
        while True:
            data = response.read1(65536)  # whatever one chunk of the wire holds
            if not data:
                break
            buffer += decoder.decode(data)
            while "\n\n" in buffer:
                event, buffer = buffer.split("\n\n", 1)
                for line in event.split("\n"):
                    if line.startswith("data: ") and line[6:] != "[DONE]":
                        text.append(json.loads(line[6:])["choices"][0]["delta"].get("content") or "")
    return "".join(text)


def naive_stream_chat(url, body, headers=None):
    """The classic bug: decodes each read on its own, so a character split across writes breaks it."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers=dict({"Content-Type": "application/json"}, **(headers or {})))
    out = []
    with urllib.request.urlopen(request, timeout=30) as response:
        while True:
            data = response.read1(65536)
            if not data:
                break
            out.append(data.decode("utf-8"))
    return "".join(out)


CHAT = {"model": "gpt-x", "stream": True, "messages": [{"role": "user", "content": "greet"}]}


@unittest.skipUnless(os.path.exists(JAR), "no proxy jar at %s: build it with ./mvnw -B -DskipTests package" % JAR)
class FaultRecipes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
        threading.Thread(target=cls.upstream.serve_forever, daemon=True).start()
        cls.fixtures = tempfile.mkdtemp(prefix="vcr-py-faults-")
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

    def tearDown(self):
        self.vcr.clear_faults()

    def test_retry_logic_meets_two_429s_then_the_recording(self):
        url = self.vcr.cassette_url("recipes/retry", "/generate")
        recorded = generate_with_retry(url, {"prompt": "retry me"})  # recorded once; faults never touch this
        self.assertEqual(self.vcr.faults("status:429@times=2"), ["status:429@times=2"])
        waits = []
        self.assertEqual(generate_with_retry(url, {"prompt": "retry me"}, sleep=waits.append), recorded)
        self.assertEqual(waits, [1.0, 1.0])
        self.assertEqual(self.vcr.stats()["cassettes"]["recipes/retry"]["faults"], 2)
        # with one attempt fewer, the provider gives up on the second 429
        self.vcr.faults("status:429@times=2")
        with self.assertRaises(urllib.error.HTTPError) as gave_up:
            generate_with_retry(url, {"prompt": "retry me"}, attempts=2, sleep=waits.append)
        self.assertEqual(gave_up.exception.code, 429)
        self.assertEqual(json.loads(gave_up.exception.read())["error"]["type"], "vcr_fault")

    def test_stream_parser_reads_one_byte_writes_as_a_clean_replay(self):
        url = self.vcr.cassette_url("recipes/stream", "/v1/chat/completions")
        self.assertEqual(stream_chat(url, CHAT), TEXT)  # recorded
        self.assertEqual(stream_chat(url, CHAT), TEXT)  # a clean replay
        self.vcr.faults("rechunk:1@times=2")
        self.assertEqual(stream_chat(url, CHAT), TEXT)
        # the same writes break a parser that decodes each read on its own: rechunk:1 is the test that finds it
        with self.assertRaises(UnicodeDecodeError):
            naive_stream_chat(url, CHAT)
        # per request, without touching the proxy's settings: the X-Vcr-Fault header
        self.assertEqual(stream_chat(url, CHAT, {"X-Vcr-Fault": "rechunk:7"}), TEXT)

    def test_a_cut_stream_fails_loudly(self):
        url = self.vcr.cassette_url("recipes/cut", "/v1/chat/completions")
        stream_chat(url, CHAT)
        with self.assertRaises(http.client.IncompleteRead):
            stream_chat(url, CHAT, {"X-Vcr-Fault": "cut:5"})

    def test_bad_rules_are_refused_with_the_grammar(self):
        with self.assertRaises(VcrProxyError) as bad:
            self.vcr.faults("status:2xx")
        self.assertEqual(bad.exception.error_type, "vcr_invalid_fault")
        self.assertIn("KIND[:ARG][@WHEN]", str(bad.exception))
        self.assertEqual(self.vcr.fault_rules(), [])

    @unittest.skipIf(vcr_proxy.pytest is None, "pytest is not installed")
    def test_pytest_marker_sets_rules_for_one_test(self):
        suite = tempfile.mkdtemp(prefix="vcr-pytest-faults-")
        with open(os.path.join(suite, "conftest.py"), "w") as f:
            f.write("pytest_plugins = ['vcr_proxy']\n")
        with open(os.path.join(suite, "test_flaky.py"), "w") as f:
            f.write(
                "import json, os, urllib.error, urllib.request\n"
                "import pytest\n"
                "def call():\n"
                "    req = urllib.request.Request(os.environ['MODAL_ENDPOINT_URL'], method='POST',\n"
                "        data=b'{\"prompt\": \"p\"}', headers={'Content-Type': 'application/json'})\n"
                "    with urllib.request.urlopen(req) as r:\n"
                "        return r.status\n"
                "@pytest.mark.vcr_cassette('recipes/marker')\n"
                "def test_record(vcr_cassette):\n"
                "    assert call() == 200\n"
                "@pytest.mark.vcr_cassette('recipes/marker')\n"
                "@pytest.mark.vcr_fault('status:503')\n"
                "def test_flaky(vcr_cassette, vcr_proxy):\n"
                "    assert vcr_proxy.fault_rules() == ['status:503']\n"
                "    with pytest.raises(urllib.error.HTTPError) as e:\n"
                "        call()\n"
                "    assert e.value.code == 503 and e.value.headers['Retry-After'] == '1'\n"
                "def test_after(vcr_proxy):\n"
                "    assert vcr_proxy.fault_rules() == []\n")
        env = dict(os.environ, VCR_ADMIN_URL=self.url, VCR_ADMIN_TOKEN="tok",
                   PYTHONPATH=os.path.dirname(HERE) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", suite],
                             env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertIn("3 passed", run.stdout)

    @unittest.skipIf(openai is None, "the openai package is not installed")
    def test_the_openai_sdk_retries_reads_rechunked_streams_and_sees_a_cut(self):
        client = openai.OpenAI(base_url=self.vcr.cassette_url("recipes/openai", "/v1"), api_key="sk-test",
                               max_retries=2)

        def content(seen=None, **kwargs):
            stream = client.chat.completions.create(model="gpt-x", stream=True,
                                                    messages=[{"role": "user", "content": "greet"}], **kwargs)
            seen = [] if seen is None else seen
            for chunk in stream:
                seen.extend(c.delta.content or "" for c in chunk.choices)
            return "".join(seen)

        self.assertEqual(content(), TEXT)  # recorded
        self.assertEqual(content(), TEXT)  # a clean replay
        for rule in ("rechunk:1", "rechunk:7"):
            self.assertEqual(content(extra_headers={"X-Vcr-Fault": rule}), TEXT)
        # the SDK's own retries (2 by default, honouring Retry-After) get through two 429s
        self.assertEqual(content(extra_headers={"X-Vcr-Fault": "status:429@times=2"}), TEXT)
        faults = [f["rules"] for f in self.vcr.report()["faults"] if f["cassette"] == "recipes/openai"]
        self.assertEqual(faults.count("status:429@times=2"), 2)
        # three 429s are one too many
        with self.assertRaises(openai.RateLimitError):
            content(extra_headers={"X-Vcr-Fault": "status:429@times=3"})
        # a dropped connection after five events: the SDK read them, then raises
        seen = []
        with self.assertRaises(openai.APIConnectionError):
            content(seen, extra_headers={"X-Vcr-Fault": "cut:5"})
        self.assertEqual("".join(seen), "".join(DELTAS[:5]))


if __name__ == "__main__":
    unittest.main()
