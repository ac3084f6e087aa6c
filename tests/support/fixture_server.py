"""A small real HTTP server for the API client's browser tests.

Run: python3 tests/support/fixture_server.py PORT. Routes, all under /api/v1:
  GET  /echo               200 JSON with an ETag
  ANY  /status/NNN         that status, with the body the contract sends for it
  ANY  /flaky/ID?fail=N    503 for the first N requests to ID, then 200
  GET  /attempts/ID        how many requests /flaky/ID has had
  POST /idempotent         200 echoing the Idempotency-Key header
  GET  /slow               answers after 3 seconds
CORS is open: the test page comes from wasm-bindgen-test-runner's own port.
"""

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

attempts = {}
lock = threading.Lock()

BODIES = {
    422: ("application/problem+json", {
        "type": "about:blank", "title": "Invalid", "status": 422,
        "errors": [{"field": "business.nib", "code": "length", "message": "NIB has 13 digits"}],
    }),
    412: ("application/json", {"version": 3, "name": "Kopi Bantul"}),
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def cors(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, If-Match, Idempotency-Key")
        self.send_header("Access-Control-Expose-Headers", "ETag, Retry-After")

    def reply(self, status, body=None, content_type="application/json", headers=()):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.cors()
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_OPTIONS(self):
        self.send_response(204)
        self.cors()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def handle_any(self):
        url = urlparse(self.path)
        parts = url.path.removeprefix("/api/v1/").split("/")
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if parts == ["echo"]:
            return self.reply(200, {"ok": True, "method": self.command}, headers=[("ETag", '"v1"')])
        if parts[0] == "status" and len(parts) == 2:
            status = int(parts[1])
            content_type, body = BODIES.get(status, ("application/problem+json", {"title": "status", "status": status}))
            headers = {429: [("Retry-After", "60")], 412: [("ETag", '"3"')]}.get(status, [])
            return self.reply(status, body, content_type, headers)
        if parts[0] == "flaky" and len(parts) == 2:
            fail = int(parse_qs(url.query).get("fail", ["1"])[0])
            with lock:
                attempts[parts[1]] = attempts.get(parts[1], 0) + 1
                count = attempts[parts[1]]
            if count <= fail:
                return self.reply(503, {"title": "busy", "status": 503}, "application/problem+json")
            return self.reply(200, {"attempts": count})
        if parts[0] == "attempts" and len(parts) == 2:
            with lock:
                return self.reply(200, {"attempts": attempts.get(parts[1], 0)})
        if parts == ["idempotent"]:
            return self.reply(200, {"key": self.headers.get("Idempotency-Key")})
        if parts == ["slow"]:
            time.sleep(3)
            return self.reply(200, {"ok": True})
        return self.reply(404, {"title": "not found", "status": 404}, "application/problem+json")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 38788
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
