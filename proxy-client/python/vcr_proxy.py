"""Stdlib-only helper for vcr-proxy: drive a running proxy and give each test its cassette.

    from vcr_proxy import VcrProxy
    vcr = VcrProxy("http://127.0.0.1:8080")           # or VcrProxy() to read VCR_ADMIN_URL
    vcr.set_mode("record-missing")
    url = vcr.cassette_url("test_parser", "/generate")   # http://127.0.0.1:8080/__cassette/test_parser/generate

As a pytest plugin (loaded by its ``pytest11`` entry point once ``pip install ./proxy-client/python``
is done, or with ``pytest_plugins = ["vcr_proxy"]`` in conftest.py), the ``vcr_cassette`` fixture
points MODAL_ENDPOINT_URL (or $VCR_ENDPOINT_ENV) at the test's own cassette, so a ModalProvider
records and replays per test with no code change. ``vcr_autouse = true`` (ini) or ``--vcr-autouse``
applies it to every test before any other function fixture; a miss fails the test with the
proxy's differences; ``RECORD_FIXTURES=true`` switches the proxy to record-missing for the run.
For clients with hard-coded https:// URLs (a proxy run with --intercept), the ``vcr_forward``
fixture sets HTTPS_PROXY (the test's cassette as its user name) and the CA bundle variables.
``@pytest.mark.vcr_fault("status:429@times=2")`` sets fault rules for one test and clears them after it.

Python 3.9+, no dependencies.
"""
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request

__all__ = ["VcrProxy", "VcrProxyError", "MODES", "cassette_name_for", "record_fixtures_requested", "describe_misses"]

MODES = ("replay", "record-missing", "record", "passthrough", "verify")
RECORDING_MODES = ("record-missing", "record")
TRUE_VALUES = ("true", "1", "yes", "on")
DEFAULT_ADMIN_URL = "http://127.0.0.1:8080"
SPEND_COUNTS = ("upstream_calls", "tokens_spent", "calls_saved", "tokens_saved", "time_saved_ms", "budget_refusals")


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
        """Counts since start, in total and under ``"cassettes"``: hits, misses, recorded, ...,
        and ``upstream_calls``, ``tokens_spent``, ``calls_saved``, ``tokens_saved``, ``time_saved_ms``."""
        return self._call("GET", "/stats")

    def spend(self, cassette=None):
        """What went upstream in this run and what replay saved, in total or for one cassette:
        ``{"upstream_calls", "tokens_spent", "calls_saved", "tokens_saved", "time_saved_ms", "budget_refusals"}``
        (zeros for a cassette the run has not used)."""
        stats = self.stats()
        counts = stats if cassette is None else stats.get("cassettes", {}).get(cassette, {})
        return {name: counts.get(name, 0) for name in SPEND_COUNTS}

    def report(self):
        return self._call("GET", "/report")

    def faults(self, *rules, seed=None):
        """Sets the fault rules for the next hits, e.g. ``faults("status:429@times=2", "rechunk:7")``.

        Replaces earlier rules and restarts their counts; ``seed`` fixes the ``@rate`` draws
        (default: the proxy's --fault-seed). Returns the rules in force. A bad rule raises
        VcrProxyError with error_type "vcr_invalid_fault".
        """
        flat = []
        for rule in rules:
            flat.extend([rule] if isinstance(rule, str) else list(rule))
        body = {"rules": flat}
        if seed is not None:
            body["seed"] = seed
        return self._call("PUT", "/faults", body)["rules"]

    def fault_rules(self):
        """The fault rules set through the admin API (those of --fault are not included)."""
        return self._call("GET", "/faults")["rules"]

    def clear_faults(self):
        """Removes the fault rules set through the admin API."""
        return self._call("DELETE", "/faults")["rules"]

    def cassette_url(self, name, path=""):
        """The proxy URL that routes ``path`` through cassette ``name`` (one path segment, %2F for '/')."""
        segment = urllib.parse.quote(name, safe="")
        if path and not path.startswith("/"):
            path = "/" + path
        return "%s/__cassette/%s%s" % (self.admin_url, segment, path or "")

    def forward_env(self, cassette=None, ca_dir=None):
        """Variables for forward-proxy mode (clients with hard-coded https:// URLs, proxy run with --intercept).

        HTTPS_PROXY/HTTP_PROXY name the proxy, with ``cassette`` as the proxy URL's user name; the CA
        bundle variables point into ``ca_dir`` ($VCR_CA_DIR, default ~/.vcr-proxy/ca) as ``vcr-proxy ca env`` does.
        """
        ca = ca_dir or os.environ.get("VCR_CA_DIR") or os.path.join(os.path.expanduser("~"), ".vcr-proxy", "ca")
        bundle = os.path.join(ca, "bundle.pem")
        parts = urllib.parse.urlsplit(self.admin_url)
        user = urllib.parse.quote(cassette, safe="") + ":x@" if cassette else ""
        proxy = "%s://%s%s" % (parts.scheme, user, parts.netloc)
        return {"HTTPS_PROXY": proxy, "HTTP_PROXY": proxy, "NO_PROXY": "localhost,127.0.0.1,::1",
                "SSL_CERT_FILE": bundle, "REQUESTS_CA_BUNDLE": bundle, "CURL_CA_BUNDLE": bundle,
                "NODE_EXTRA_CA_CERTS": os.path.join(ca, "vcr-proxy-ca.pem")}

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.admin_url + "/__vcr" + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if method != "GET" and self.token:
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


def record_fixtures_requested(environ=None):
    """True when RECORD_FIXTURES is ``true``, ``1``, ``yes`` or ``on`` (any case): the run should record."""
    value = (os.environ if environ is None else environ).get("RECORD_FIXTURES", "")
    return value.strip().lower() in TRUE_VALUES


def describe_misses(cassette, misses):
    """The failure text for requests of ``cassette`` that found no recording (entries of the report's ``misses``)."""
    lines = ["vcr-proxy: %d request(s) had no recording in cassette '%s':" % (len(misses), cassette)]
    for miss in misses:
        lines.append("  %s (key %s)" % (miss.get("request", "?"), (miss.get("key") or "?")[:12]))
        differences = miss.get("differences") or []
        if miss.get("closest_key") is None:
            lines.append("    the cassette has no recording for this route: record it with RECORD_FIXTURES=true")
        for d in differences:
            where = " ".join(str(p) for p in (d.get("field"), d.get("pointer") or d.get("name")) if p)
            change = d.get("change")
            if change == "added":
                lines.append("    %s: not recorded, actual %s" % (where, json.dumps(d.get("actual"))))
            elif change == "removed":
                lines.append("    %s: recorded %s, missing now" % (where, json.dumps(d.get("recorded"))))
            else:
                lines.append("    %s: recorded %s, actual %s" % (where, json.dumps(d.get("recorded")), json.dumps(d.get("actual"))))
    return "\n".join(lines)


try:  # the pytest plugin, only when pytest is there
    import pytest
except ImportError:  # pragma: no cover - plain unittest users
    pytest = None

if pytest is not None:

    def pytest_addoption(parser):
        parser.addini("vcr_autouse", "apply the vcr_cassette fixture to every test, before its other fixtures",
                      type="bool", default=False)
        parser.addoption("--vcr-autouse", action="store_true", default=False,
                         help="vcr-proxy: give every test its cassette before its other fixtures (ini: vcr_autouse)")

    def pytest_configure(config):
        config.addinivalue_line("markers", "vcr_cassette(name): the vcr-proxy cassette this test uses "
                                           "(applied before the test's other fixtures)")
        config.addinivalue_line("markers", "vcr_fault(*rules, seed=None): vcr-proxy fault rules for this test")

    @pytest.fixture(scope="session")
    def vcr_proxy():
        """A VcrProxy for VCR_ADMIN_URL (default http://127.0.0.1:8080), once it answers.

        A proxy started in the background just before pytest gets $VCR_WAIT_SECONDS (default 30)
        to come up. With RECORD_FIXTURES=true (or 1, yes, on) a proxy in another mode is switched
        to record-missing for the session and switched back after it.
        """
        proxy = VcrProxy()
        proxy.wait_ready(float(os.environ.get("VCR_WAIT_SECONDS", "30")))
        previous = None
        if record_fixtures_requested():
            mode = proxy.mode()
            if mode not in RECORDING_MODES:
                proxy.set_mode("record-missing")
                # A pytest-xdist worker that finished first would switch its siblings back mid-run.
                previous = None if os.environ.get("PYTEST_XDIST_WORKER") else mode
        yield proxy
        if previous is not None:
            proxy._call("PUT", "/mode", {"mode": previous})

    @pytest.fixture(autouse=True)
    def _vcr_autouse(request):
        # Autouse fixtures are set up before the fixtures a test asks for, so a provider fixture
        # that reads MODAL_ENDPOINT_URL when it is built already sees the test's cassette.
        config = request.config
        if (request.node.get_closest_marker("vcr_cassette") is not None
                or config.getoption("vcr_autouse") or config.getini("vcr_autouse")):
            request.getfixturevalue("vcr_cassette")

    @pytest.fixture
    def vcr_cassette(request, vcr_proxy, monkeypatch):
        """Points $VCR_ENDPOINT_ENV (default MODAL_ENDPOINT_URL) at this test's cassette; yields its name.

        The URL is the proxy's cassette URL plus $VCR_ENDPOINT_PATH (default /generate). Mark a
        test ``@pytest.mark.vcr_cassette("name")`` to choose the name. A request that finds no
        recording fails the test with the fields that differ.
        """
        marker = request.node.get_closest_marker("vcr_cassette")
        name = marker.args[0] if marker and marker.args else cassette_name_for(request.node.nodeid)
        variable = os.environ.get("VCR_ENDPOINT_ENV", "MODAL_ENDPOINT_URL")
        path = os.environ.get("VCR_ENDPOINT_PATH", "/generate")
        request.node._vcr_watch = (vcr_proxy, name, _misses(vcr_proxy, name))
        monkeypatch.setenv(variable, vcr_proxy.cassette_url(name, path))
        yield name

    def _misses(proxy, name):
        return proxy.stats().get("cassettes", {}).get(name, {}).get("misses", 0)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(item, call):
        # A client that only says "404 Client Error" hides why: after the test body, new misses
        # in its cassette fail the test with the proxy's differences.
        outcome = yield
        watch = getattr(item, "_vcr_watch", None)
        if call.when != "call" or watch is None:
            return
        proxy, name, before = watch
        try:
            new = _misses(proxy, name) - before
            if new <= 0:
                return
            misses = proxy.report().get("cassettes", {}).get(name, {}).get("misses", [])[-new:]
        except VcrProxyError:
            return
        report = outcome.get_result()
        text = describe_misses(name, misses)
        if report.failed and report.longrepr is not None:
            text = "%s\n\n%s" % (text, report.longrepr)
        report.outcome = "failed"
        report.longrepr = text

    @pytest.fixture
    def vcr_forward(request, vcr_proxy, monkeypatch):
        """Forward-proxy mode for this test: HTTPS_PROXY (its user name naming the test's cassette) and the
        CA bundle variables, for clients whose URLs are hard-coded; yields the cassette name."""
        marker = request.node.get_closest_marker("vcr_cassette")
        name = marker.args[0] if marker and marker.args else cassette_name_for(request.node.nodeid)
        for key in ("https_proxy", "http_proxy", "no_proxy"):  # urllib prefers these to the upper-case ones
            monkeypatch.delenv(key, raising=False)
        for key, value in vcr_proxy.forward_env(name).items():
            monkeypatch.setenv(key, value)
        yield name

    @pytest.fixture(autouse=True)
    def _vcr_fault_marker(request):
        """``@pytest.mark.vcr_fault("status:429@times=2", seed=1)``: the rules hold for this test only.

        Admin rules apply to every hit of the proxy, so marked tests should not run in parallel
        with others on the same proxy; the X-Vcr-Fault request header is the parallel-safe way.
        """
        marker = request.node.get_closest_marker("vcr_fault")
        if marker is None:
            yield
            return
        proxy = request.getfixturevalue("vcr_proxy")
        proxy.faults(*marker.args, seed=marker.kwargs.get("seed"))
        try:
            yield
        finally:
            proxy.clear_faults()
