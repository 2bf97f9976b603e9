#!/usr/bin/env bash
# Re-records the demo cassettes in fixtures/ through the proxy, against the local stand-in
# upstream (scripts/demo-upstream.py). The README's examples replay these cassettes.
#   ./mvnw -B -DskipTests package && scripts/record-demo-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=proxy-server/target/vcr-proxy.jar
[[ -f $JAR ]] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 2; }
UP_PORT=${UP_PORT:-18999}
PROXY_PORT=${PROXY_PORT:-18998}

python3 scripts/demo-upstream.py --port "$UP_PORT" --delay-ms 150 >/dev/null &
UP_PID=$!
java -jar "$JAR" serve --port "$PROXY_PORT" --mode record --fixtures fixtures \
  --route /generate="http://127.0.0.1:$UP_PORT/generate" --route /health="http://127.0.0.1:$UP_PORT/health" \
  >/dev/null &
PROXY_PID=$!
trap 'kill $PROXY_PID $UP_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PROXY_PORT/__vcr/health" >/dev/null && break; sleep 0.1; done

post() { # cassette, json body
  curl -sf "http://127.0.0.1:$PROXY_PORT/generate" -H "X-Vcr-Cassette: $1" \
    -H 'content-type: application/json' -d "$2" >/dev/null
}
post default '{"prompt": "Extract the shipment: 3 crates to Oslo by Friday", "max_tokens": 256, "temperature": 0.0}'
post default '{"prompt": "Summarize: the meeting moved to Tuesday", "max_tokens": 128, "temperature": 0.0}'
curl -sf "http://127.0.0.1:$PROXY_PORT/health" >/dev/null
post demo/parser '{"prompt": "Parse: order 12 lamps for the Berlin office", "schema": {"type": "object", "required": ["intent"]}, "max_tokens": 256, "temperature": 0.0, "top_p": 1.0}'
post demo/parser '{"prompt": "Parse: cancel order 4411", "schema": {"type": "object", "required": ["intent"]}, "max_tokens": 256, "temperature": 0.0, "top_p": 1.0}'

kill -TERM $PROXY_PID; wait $PROXY_PID || true
echo "recorded: $(ls fixtures/*.json fixtures/*/*.json | grep -v '^fixtures/vcr-proxy.json$' | tr '\n' ' ')"
