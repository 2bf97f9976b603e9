"""The Python clients of a user's suite, pointed at a vcr-proxy: prints what each call returned, as JSON.

    OPENAI_API_KEY=… ANTHROPIC_API_KEY=… python sdk_calls.py PROXY_URL

PythonSdksIT runs it against a recording proxy (stand-in upstreams behind it), then against a fresh
replaying proxy with the upstreams gone, and compares the two outputs case by case. Each case uses
its own cassette through the /__cassette/NAME/ prefix of its base URL, and the routes of the
README's provider recipes: --upstream for OpenAI (base URL .../v1), --route /anthropic=... (no /v1),
--route /generate=... (MODAL_ENDPOINT_URL).
"""
import json
import sys

LONG_PROMPT = "Summarise the 40-page shipping contract"


def base(proxy, cassette, path):
    return "%s/__cassette/%s%s" % (proxy, cassette, path)


def modal_body(prompt):
    return {"prompt": prompt, "schema": {"type": "object", "required": ["ir_json"]},
            "max_tokens": 256, "temperature": 0.0, "top_p": 1.0}


def httpx_modal_json(proxy):
    import httpx
    response = httpx.post(base(proxy, "py-httpx-modal", "/generate"), json=modal_body("Parse: cancel order 4411"), timeout=30)
    return {"status": response.status_code, "json": response.json()}


def httpx_long_call(proxy):
    """A Modal long call: the 303 is followed by a GET of its Location, which must stay inside the proxy."""
    import httpx
    with httpx.Client(follow_redirects=True, timeout=30) as client:
        response = client.post(base(proxy, "py-httpx-long-call", "/generate"), json=modal_body(LONG_PROMPT))
    hops = [[r.status_code, str(r.url).replace(proxy, "{proxy}")] for r in response.history + [response]]
    return {"status": response.status_code, "json": response.json(), "hops": hops}


def openai_client(proxy, cassette):
    import openai
    return openai.OpenAI(base_url=base(proxy, cassette, "/v1"), max_retries=0, timeout=30)  # the key: OPENAI_API_KEY


def openai_chat(proxy):
    completion = openai_client(proxy, "py-openai-chat").chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Extract the shipment: 3 crates to Oslo by Friday"}],
        temperature=0.0)
    return completion.model_dump(mode="json")


def openai_stream(proxy):
    stream = openai_client(proxy, "py-openai-stream").chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Ship 3 crates to Oslo"}], stream=True,
        stream_options={"include_usage": True},
        tools=[{"type": "function", "function": {"name": "ship", "parameters": {
            "type": "object", "properties": {"crates": {"type": "integer"}, "city": {"type": "string"}}}}}])
    return [chunk.model_dump(mode="json") for chunk in stream]


def anthropic_client(proxy, cassette):
    import anthropic
    return anthropic.Anthropic(base_url=base(proxy, cassette, "/anthropic"), max_retries=0, timeout=30)  # ANTHROPIC_API_KEY


def anthropic_message(proxy):
    message = anthropic_client(proxy, "py-anthropic-message").messages.create(
        model="claude-sonnet-4-5", max_tokens=256,
        messages=[{"role": "user", "content": "Extract the shipment: 3 crates to Oslo by Friday"}])
    return message.model_dump(mode="json")


def anthropic_stream(proxy):
    tools = [{"name": "ship", "input_schema": {"type": "object", "properties": {
        "crates": {"type": "integer"}, "city": {"type": "string"}}}}]
    with anthropic_client(proxy, "py-anthropic-stream").messages.stream(
            model="claude-sonnet-4-5", max_tokens=256, tools=tools,
            messages=[{"role": "user", "content": "Ship 3 crates to Oslo"}]) as stream:
        events = [event.type for event in stream]
        final = stream.get_final_message()
    return {"events": events, "message": final.model_dump(mode="json")}


CASES = [httpx_modal_json, httpx_long_call, openai_chat, openai_stream, anthropic_message, anthropic_stream]


def main():
    proxy = sys.argv[1].rstrip("/")
    results = {}
    for case in CASES:
        try:
            results[case.__name__] = {"result": case(proxy)}
        except ImportError as e:
            results[case.__name__] = {"skipped": "the %s package is not installed (%s)" % (e.name, e)}
        except Exception as e:  # noqa: BLE001 - every failure is reported to the Java side as data
            results[case.__name__] = {"error": "%s: %s" % (type(e).__name__, e)}
    json.dump(results, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
