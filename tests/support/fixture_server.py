"""A small real HTTP server for the API client's browser tests.

Run: python3 tests/support/fixture_server.py PORT [DEV_API_ORIGIN]. Routes,
all under /api/v1:
  GET  /echo               200 JSON with an ETag
  ANY  /status/NNN         that status, with the body the contract sends for it
  ANY  /flaky/ID?fail=N    503 for the first N requests to ID, then 200
  GET  /attempts/ID        how many requests /flaky/ID has had
  POST /idempotent         200 echoing the Idempotency-Key header
  GET  /slow               answers after 3 seconds
With DEV_API_ORIGIN (a real dev-api --dev, e.g. http://127.0.0.1:38790):
  ANY  /auth/…, /dev/…, /me…, /uploads…   forwarded to dev-api, with one
                           cookie jar (the browser keeps no cookies for a
                           cross-origin API), as a client that is not a
                           browser (no Origin, no Sec-Fetch-*)
  GET  /forwarded          [[method, path, status], …] of what was forwarded
  POST /drop?bytes=N       the next PATCH: forward only its first N bytes,
                           then close the browser's connection unanswered
                           (the bytes arrived, the answer was lost)
CORS is open: the test page comes from wasm-bindgen-test-runner's own port.
"""

import http.client
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

attempts = {}
lock = threading.Lock()
dev_api = None  # (host, port) of dev-api, when given
cookies = {}
forwarded = []
drop_next_patch = []
FORWARDED_PREFIXES = ("auth", "dev", "me", "uploads")
# Not passed on either way: hop-by-hop, browser-only and what the proxy sets itself.
REQUEST_SKIP = {"host", "origin", "referer", "cookie", "connection", "content-length", "keep-alive"}
RESPONSE_SKIP = {"set-cookie", "connection", "content-length", "transfer-encoding", "keep-alive", "date", "server"}

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
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE")
        self.send_header(
            "Access-Control-Allow-Headers",
            "Content-Type, Accept, If-Match, Idempotency-Key, "
            "Tus-Resumable, Upload-Length, Upload-Offset, Upload-Metadata",
        )
        self.send_header(
            "Access-Control-Expose-Headers",
            "ETag, Retry-After, Location, Tus-Resumable, Upload-Offset, Upload-Length",
        )

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

    def forward(self, body):
        """Sends the request on to dev-api and its answer back."""
        keep = None
        if self.command == "PATCH" and drop_next_patch:
            keep = drop_next_patch.pop()
            body = body[:keep]
        headers = {
            name: value for name, value in self.headers.items()
            if name.lower() not in REQUEST_SKIP and not name.lower().startswith("sec-fetch-")
        }
        headers["Content-Length"] = str(len(body))
        with lock:
            if cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        connection = http.client.HTTPConnection(*dev_api, timeout=60)
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        with lock:
            forwarded.append([self.command, urlparse(self.path).path, response.status])
            for header in response.headers.get_all("Set-Cookie") or []:
                pair, _, attributes = header.partition(";")
                name, _, value = pair.strip().partition("=")
                if "max-age=0" in attributes.lower().replace(" ", ""):
                    cookies.pop(name, None)
                else:
                    cookies[name] = value
        connection.close()
        if keep is not None:
            self.close_connection = True
            return
        self.send_response(response.status)
        self.cors()
        for name, value in response.getheaders():
            if name.lower() not in RESPONSE_SKIP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def handle_any(self):
        url = urlparse(self.path)
        parts = url.path.removeprefix("/api/v1/").split("/")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if dev_api and parts[0] in FORWARDED_PREFIXES:
            return self.forward(body)
        if parts == ["forwarded"]:
            with lock:
                return self.reply(200, list(forwarded))
        if parts == ["drop"]:
            drop_next_patch.append(int(parse_qs(url.query).get("bytes", ["0"])[0]))
            return self.reply(204)
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

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 38788
    if len(sys.argv) > 2:
        origin = urlparse(sys.argv[2])
        dev_api = (origin.hostname, origin.port or 80)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
