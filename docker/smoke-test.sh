#!/usr/bin/env bash
# Builds the image, records through it against a local stand-in upstream, switches the running
# container to replay with `docker exec … vcr-proxy mode replay`, replays with the upstream gone,
# and cleans up. Uses $DOCKER (default docker); any Docker-compatible command works:
#   DOCKER=podman docker/smoke-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DOCKER=${DOCKER:-docker}
IMAGE=${IMAGE:-vcr-proxy:smoke}
NAME=vcr-proxy-smoke-$$
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
UP_PORT=$(free_port)
FIXTURES=$(mktemp -d)
UP_PID=

cleanup() {
  "$DOCKER" rm -f "$NAME" >/dev/null 2>&1 || true
  [[ -n $UP_PID ]] && kill "$UP_PID" 2>/dev/null || true
  rm -rf "$FIXTURES"
}
trap cleanup EXIT
fail() { echo "smoke test FAILED: $*" >&2; "$DOCKER" logs "$NAME" 2>&1 | tail -20 >&2 || true; exit 1; }

echo "== build"
BUILD_FLAGS=()
# podman writes OCI images by default, which drop HEALTHCHECK; ask for Docker's format
if "$DOCKER" --version 2>/dev/null | grep -qi podman; then BUILD_FLAGS=(--format docker); fi
"$DOCKER" build "${BUILD_FLAGS[@]}" --network=host -f docker/Dockerfile -t "$IMAGE" . >/dev/null

echo "== start a stand-in upstream on :$UP_PORT and the container on :$PORT (record-missing)"
python3 scripts/demo-upstream.py --port "$UP_PORT" >/dev/null &
UP_PID=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$UP_PORT/health" >/dev/null && break
  sleep 0.1
done
"$DOCKER" run -d --name "$NAME" --network=host --user "$(id -u):$(id -g)" \
  -e VCR_PORT="$PORT" -e VCR_MODE=record-missing -e MODAL_ENDPOINT_URL="http://127.0.0.1:$UP_PORT" \
  -v "$FIXTURES:/fixtures" "$IMAGE" >/dev/null
"$DOCKER" exec "$NAME" vcr-proxy status --wait 30s >/dev/null || fail "proxy never answered"
curl -sf "http://127.0.0.1:$PORT/__vcr/health" >/dev/null || fail "proxy not reachable from the host"

call() {
  curl -s -o /dev/null -w '%{http_code} %header{x-vcr-result}' "http://127.0.0.1:$PORT/generate" \
    -H 'content-type: application/json' -d '{"prompt": "Extract: 2 pallets to Lyon", "max_tokens": 64, "temperature": 0.0}'
}
echo "== record"
[[ $(call) == "200 recorded" ]] || fail "first call was not recorded"
[[ -r $FIXTURES/default.json ]] || fail "no readable cassette in the mounted folder"
[[ $(stat -c %u "$FIXTURES/default.json") == "$(id -u)" ]] || fail "cassette not owned by the host user"

echo "== docker exec … vcr-proxy mode replay"
[[ $("$DOCKER" exec "$NAME" vcr-proxy mode replay) == replay ]] || fail "mode switch failed"
kill "$UP_PID"; UP_PID=

echo "== replay with the upstream gone"
[[ $(call) == "200 hit" ]] || fail "replay was not a hit"
status=$("$DOCKER" exec "$NAME" vcr-proxy status) || fail "status inside the container"
[[ $status == *mode=replay* ]] || fail "status says: $status"

echo "== health check and clean stop"
"$DOCKER" exec "$NAME" healthcheck || fail "the image's HEALTHCHECK command failed"
[[ $("$DOCKER" inspect -f '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Test}}{{end}}' "$NAME") == *healthcheck* ]] \
  || fail "the image has no HEALTHCHECK"
"$DOCKER" stop -t 30 "$NAME" >/dev/null
code=$("$DOCKER" inspect -f '{{.State.ExitCode}}' "$NAME")
[[ $code == 0 ]] || fail "exit code $code after docker stop"
echo "smoke test passed"
