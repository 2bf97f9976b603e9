#!/usr/bin/env python3
"""A stand-in for a Modal vLLM `generate` endpoint, for demos and the recording of fixtures/.

POST /generate (or POST /) with {"prompt", "schema", "max_tokens", "temperature", "top_p"}
answers {"ir_json": {...}, "tokens_used": N, "model": ...} derived from the prompt, after
--delay-ms. A prompt containing "fail" answers HTTP 200 with an "error" field, as Modal does.
GET /health answers {"status": "ok"}. Standard library only.

    python3 scripts/demo-upstream.py --port 9000 [--delay-ms 0]
"""
import argparse
import hashlib
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def answer(request):
    prompt = str(request.get("prompt", ""))
    if "fail" in prompt:
        return {"error": "CUDA out of memory while generating (stand-in)"}
    words = prompt.split()
    digest = hashlib.sha256(prompt.encode()).hexdigest()
    return {
        "ir_json": {
            "intent": words[0].lower() if words else "empty",
            "entities": [w.strip(".,?!") for w in words[1:4]],
            "confidence": round(int(digest[:4], 16) / 65535, 3),
        },
        "tokens_used": 40 + len(words) * 7,
        "model": "stand-in-vllm-7b",
    }


class Handler(BaseHTTPRequestHandler):
    server_version = "demo-upstream/1"
    protocol_version = "HTTP/1.1"  # keep-alive, as real endpoints do: every answer has a Content-Length
    disable_nagle_algorithm = True  # headers and body are two writes: without this, a kept-alive
                                    # connection waits ~40 ms for the client's delayed ACK
    delay_ms = 0

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.rstrip("/").endswith("/health") or self.path == "/health":
            self._send(200, {"status": "ok"})
        else:
            self._send(404, {"detail": "Not Found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            request = json.loads(raw or b"{}")
        except ValueError:
            self._send(422, {"detail": "body is not JSON"})
            return
        time.sleep(self.delay_ms / 1000)
        self._send(200, answer(request))

    def log_message(self, fmt, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--delay-ms", type=int, default=0)
    args = parser.parse_args()
    Handler.delay_ms = args.delay_ms
    server = ThreadingHTTPServer((args.bind, args.port), Handler)
    print(f"demo upstream on http://{args.bind}:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
