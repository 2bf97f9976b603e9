#!/usr/bin/env python3
"""Large-cassette load: writes a format-1 cassette of N interactions (keys computed by the proxy
itself through `cassettes lint --fix`), then times proxy launch -> first replayed answer from it,
against the same with an empty cassette. Prints both and the difference (the load time).

    python3 bench/large_cassette.py --jar proxy-server/target/vcr-proxy.jar [--n 10000]
"""
import argparse
import json
import os
import subprocess
import tempfile

from launch import first_answer, free_port


def interaction(i):
    body = {"prompt": "Parse order %d: ship %d crates to Oslo" % (i, i % 97), "max_tokens": 256, "temperature": 0.0}
    return {"key": "0" * 64, "seq": 0, "recorded_at": "2026-11-24T10:00:00Z", "duration_ms": 1000 + i % 500,
            "request": {"method": "POST", "route": "/", "path": "/generate", "query": {},
                        "headers": {"content-type": "application/json"}, "body": body},
            "response": {"status": 200, "headers": {"content-type": "application/json"},
                         "body": {"ir_json": {"intent": "ship", "entities": ["crates", "Oslo", i]}, "tokens_used": 100 + i % 50}}}


def first_answer_ms(jar, fixtures, prompt_index):
    port = free_port()
    body = json.dumps(interaction(prompt_index)["request"]["body"])
    ms, status, _ = first_answer(["java", "-jar", jar, "serve", "--port", str(port), "--fixtures", fixtures], port, body)
    return ms, status


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default="proxy-server/target/vcr-proxy.jar")
    parser.add_argument("--n", type=int, default=10000)
    args = parser.parse_args()
    big, empty = tempfile.mkdtemp(prefix="vcr-big-"), tempfile.mkdtemp(prefix="vcr-empty-")
    with open(os.path.join(big, "default.json"), "w") as f:
        json.dump({"format": 1, "name": "default", "interactions": [interaction(i) for i in range(args.n)]}, f)
    subprocess.run(["java", "-jar", args.jar, "cassettes", "lint", "--fix", "--fixtures", big], check=True,
                   stdout=subprocess.DEVNULL)
    size = os.path.getsize(os.path.join(big, "default.json"))
    first_answer_ms(args.jar, empty, 0)  # warm the page cache for the jar
    empty_ms, empty_status = first_answer_ms(args.jar, empty, 0)
    big_ms, big_status = first_answer_ms(args.jar, big, args.n - 1)
    assert empty_status == 404 and big_status == 200, (empty_status, big_status)
    print("launch -> first answer: %.0f ms with an empty cassette (404), %.0f ms with %d interactions (%.1f MiB, 200):"
          " load ~%.0f ms" % (empty_ms, big_ms, args.n, size / 1048576, big_ms - empty_ms))


if __name__ == "__main__":
    main()
