"""A local HTTP server that plays an SMS provider (Kavenegar or a generic gateway) for the tests.

    with FakeSmsServer() as server:
        server.answer(200, {"return": {"status": 200, "message": "تایید شد"}, "entries": [...]})
        ... provider.base_url = server.url ...
        server.requests  # [{"method", "path", "query", "form", "body"}, ...]

``payload`` may be a callable ``payload(request) -> dict | bytes`` (``request`` as recorded above, plus
``raw_path``), e.g. a gateway whose error page repeats the URL it was called with. ``delay`` makes the server
wait before answering
(the server waits, on its own thread; it is released when the server stops).
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def _handle(self):
        fake = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        body = raw.decode("utf-8", "replace")
        form = parse_qs(body) if "x-www-form-urlencoded" in (self.headers.get("Content-Type") or "") else {}
        request = {
            "method": self.command,
            "path": parts.path,
            "raw_path": self.path,
            "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
            "form": {k: v[0] for k, v in form.items()},
            "body": body,
        }
        fake.requests.append(request)
        status, payload, delay = fake._next_answer()
        if callable(payload):
            payload = payload(request)
        if delay:
            fake._release.wait(delay)
        data = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (timeout)

    do_GET = _handle
    do_POST = _handle


class FakeSmsServer:
    def __init__(self):
        self.requests = []
        self._answers = [(200, {"return": {"status": 200, "message": "OK"}, "entries": []}, 0)]
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-sms-server", daemon=True)

    @property
    def url(self):
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def answer(self, status, payload, delay=0):
        """Answer every next request with ``status`` and ``payload`` (dict → JSON, or bytes), after ``delay`` s."""
        with self._lock:
            self._answers = [(status, payload, delay)]

    def _next_answer(self):
        with self._lock:
            return self._answers.pop(0) if len(self._answers) > 1 else self._answers[0]

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
