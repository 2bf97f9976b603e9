"""Stdlib-only helper for vcr-proxy: drive a running proxy and give each test its cassette.

    from vcr_proxy import VcrProxy
    vcr = VcrProxy("http://127.0.0.1:8080")           # or VcrProxy() to read VCR_ADMIN_URL
    vcr.set_mode("record-missing")
    url = vcr.cassette_url("test_parser", "/generate")   # http://127.0.0.1:8080/__cassette/test_parser/generate

As a pytest plugin (``pytest_plugins = ["vcr_proxy"]`` in conftest.py), the ``vcr_cassette``
fixture points MODAL_ENDPOINT_URL (or $VCR_ENDPOINT_ENV) at the test's own cassette, so a
ModalProvider records and replays per test with no code change.

Python 3.9+, no dependencies.
"""
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request

__all__ = ["VcrProxy", "VcrProxyError", "MODES", "cassette_name_for"]

MODES = ("replay", "record-missing", "record", "passthrough")
DEFAULT_ADMIN_URL = "http://127.0.0.1:8080"


class VcrProxyError(Exception):
    """An admin call failed: the proxy is unreachable (status 0) or answered with an error."""

    def __init__(self, message, status=0, error_type=None):
        super().__init__(message)
        self.status = status
        self.error_type = error_type


class VcrProxy:
    """A running vcr-proxy, reached at ``admin_url``; ``token`` is sent on admin writes."""

    def __init__(self, admin_url=None, token=None, timeout=30.0):
        url = admin_url or os.environ.get("VCR_ADMIN_URL") or DEFAULT_ADMIN_URL
        self.admin_url = url.rstrip("/")
        self.token = token if token is not None else os.environ.get("VCR_ADMIN_TOKEN")
        self.timeout = timeout

    def health(self):
        return self._call("GET", "/health")

    def wait_ready(self, timeout=30.0):
        """Waits until the proxy answers (it may still be starting) and returns its health.

        Only "nothing listens there yet" is waited out; any other answer fails at once.
        """
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.health()
            except VcrProxyError as e:
                if e.status != 0:
                    raise
                if time.monotonic() >= deadline:
                    raise VcrProxyError("%s; waited %.1f s" % (e, timeout)) from None
            time.sleep(0.1)

    def mode(self):
        return self._call("GET", "/mode")["mode"]

    def set_mode(self, mode):
        if mode not in MODES:
            raise ValueError("unknown mode %r; expected one of %s" % (mode, ", ".join(MODES)))
        return self._call("PUT", "/mode", {"mode": mode})["mode"]

    def cassette(self):
        return self._call("GET", "/cassette")["name"]

    def use_cassette(self, name):
        """Make ``name`` the active cassette (restarting its replay sequences)."""
        return self._call("PUT", "/cassette", {"name": name})["name"]

    def stats(self):
        return self._call("GET", "/stats")

    def report(self):
        return self._call("GET", "/report")

    def cassette_url(self, name, path=""):
        """The proxy URL that routes ``path`` through cassette ``name`` (one path segment, %2F for '/')."""
        segment = urllib.parse.quote(name, safe="")
        if path and not path.startswith("/"):
            path = "/" + path
        return "%s/__cassette/%s%s" % (self.admin_url, segment, path or "")

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.admin_url + "/__vcr" + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
            if self.token:
                request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            raw = e.read().decode("utf-8", "replace")
            try:
                error = json.loads(raw).get("error", {})
            except ValueError:
                error = {}
            raise VcrProxyError("vcr-proxy at %s answered %d: %s" % (self.admin_url, e.code, error.get("message", raw)),
                                e.code, error.get("type")) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise VcrProxyError("cannot reach vcr-proxy at %s: %s" % (self.admin_url, reason)) from None


def cassette_name_for(nodeid):
    """A cassette name for a pytest node id: ``tests/test_parser.py::test_one[x]`` -> ``test_parser/test_one_x_``."""
    path, _, test = nodeid.partition("::")
    module = os.path.splitext(os.path.basename(path))[0] or "tests"
    parts = [module] + [p for p in test.split("::") if p]
    cleaned = [re.sub(r"[^A-Za-z0-9._-]", "_", p) for p in parts]
    cleaned = ["_" + p if p in (".", "..") else p for p in cleaned]
    return "/".join(cleaned)[:200]


try:  # the pytest plugin, only when pytest is there
    import pytest
except ImportError:  # pragma: no cover - plain unittest users
    pytest = None

if pytest is not None:

    @pytest.fixture(scope="session")
    def vcr_proxy():
        """A VcrProxy for VCR_ADMIN_URL (default http://127.0.0.1:8080), once it answers.

        A proxy started in the background just before pytest gets $VCR_WAIT_SECONDS (default 30)
        to come up.
        """
        proxy = VcrProxy()
        proxy.wait_ready(float(os.environ.get("VCR_WAIT_SECONDS", "30")))
        return proxy

    @pytest.fixture
    def vcr_cassette(request, vcr_proxy, monkeypatch):
        """Points $VCR_ENDPOINT_ENV (default MODAL_ENDPOINT_URL) at this test's cassette; yields its name.

        The URL is the proxy's cassette URL plus $VCR_ENDPOINT_PATH (default /generate). Mark a
        test ``@pytest.mark.vcr_cassette("name")`` to choose the name.
        """
        marker = request.node.get_closest_marker("vcr_cassette")
        name = marker.args[0] if marker and marker.args else cassette_name_for(request.node.nodeid)
        variable = os.environ.get("VCR_ENDPOINT_ENV", "MODAL_ENDPOINT_URL")
        path = os.environ.get("VCR_ENDPOINT_PATH", "/generate")
        monkeypatch.setenv(variable, vcr_proxy.cassette_url(name, path))
        yield name

    def pytest_configure(config):
        config.addinivalue_line("markers", "vcr_cassette(name): the vcr-proxy cassette this test uses")
