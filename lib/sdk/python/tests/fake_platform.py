"""A tiny stand-in for the FiberWise API on 127.0.0.1, for the unit tests (no platform needed).

It records every request and answers like the platform: the token, connect session and connections
routes, and a proxy that echoes what it received with ``fiberwise-proxied: true``. A test can queue
exact answers with :meth:`FakePlatform.reply`.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional, Union

API_KEY = "fw_live_unit_test_key_do_not_leak_0123456789"
ACCESS_TOKEN = "ya29.unit-test-access-token-do-not-leak"
SESSION_TOKEN = "fw_cs_unit_test_session_token_do_not_leak"

Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Seen:
    """One request the fake received."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes

    @property
    def path(self) -> str:
        """The path, still percent-encoded as sent."""
        return self.target.split("?", 1)[0]

    @property
    def query_string(self) -> str:
        """The raw query string."""
        return self.target.split("?", 1)[1] if "?" in self.target else ""

    @property
    def query(self) -> dict[str, list[str]]:
        """The query, decoded."""
        return urllib.parse.parse_qs(self.query_string, keep_blank_values=True)

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)


def envelope(code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The platform's error envelope."""
    return {"error": {"code": code, "message": message, **extra}}


def encode(body: Union[bytes, str, dict[str, Any], list[Any], None]) -> bytes:
    """Bytes for a reply body (dicts and lists as JSON)."""
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    return json.dumps(body).encode("utf-8")


@dataclass
class FakePlatform:
    """Start with :meth:`start`, stop with :meth:`stop`; ``url`` is the platform's base URL."""

    requests: list[Seen] = field(default_factory=list)
    queued: list[Reply] = field(default_factory=list)
    server: Optional[ThreadingHTTPServer] = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:{port}`` (without ``/api/v1``)."""
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def last(self) -> Seen:
        """The latest request."""
        return self.requests[-1]

    def reply(self, status: int, body: Union[bytes, str, dict[str, Any], list[Any], None] = None, headers: Optional[dict[str, str]] = None) -> None:
        """Answer the next request with exactly this (before the default routes)."""
        data = encode(body)
        out = {"content-type": "application/json"} if isinstance(body, (dict, list)) else {}
        out.update(headers or {})
        self.queued.append((status, out, data))

    def start(self) -> FakePlatform:
        """Listen on a free port of 127.0.0.1, in a daemon thread."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def handle_any(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                seen = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                fake.requests.append(seen)
                status, headers, data = fake.queued.pop(0) if fake.queued else fake.route(seen)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def route(self, seen: Seen) -> Reply:
        """The default answers, shaped like the platform's."""
        path = seen.path
        json_type = {"content-type": "application/json"}
        if seen.headers.get("authorization") != f"Bearer {API_KEY}":
            return 401, json_type, encode(envelope("invalid_api_key", "The API key is not valid"))
        end_user = seen.query.get("end_user_id", [None])[0] or seen.headers.get("fiberwise-end-user-id")
        if end_user == "nobody":
            return 404, {**json_type, "x-request-id": "req-404"}, encode(
                envelope("connection_not_found", "No connection for this end user", connect_url="http://fake/connect/fw_cs_x")
            )
        if path.startswith("/api/v1/credentials/connections/") and path.endswith("/token") and seen.method == "GET":
            return 200, json_type, encode(
                {"access_token": ACCESS_TOKEN, "token_type": "Bearer", "expires_at": "2030-01-01T00:00:00.000Z", "scopes": ["openid", "email"]}
            )
        if path == "/api/v1/credentials/connections" and seen.method == "GET":
            connection = {
                "authenticator_id": "gmail", "app_id": "email-assistant", "authenticator_name": "Gmail", "authenticator_type": "google",
                "status": "active", "status_reason": None, "scopes": ["openid"], "expires_at": None, "last_refreshed_at": None,
                "last_used_at": None, "connected_at": "2026-01-01T00:00:00.000Z",
            }
            return 200, json_type, encode({"connections": [connection]})
        if path.startswith("/api/v1/credentials/connections/") and seen.method == "DELETE":
            return 204, {}, b""
        if path == "/api/v1/connect/sessions" and seen.method == "POST":
            request = seen.json()
            return 201, json_type, encode({
                "id": "cs_1", "token": SESSION_TOKEN, "connect_url": f"{fake_url(seen)}/connect/{SESSION_TOKEN}",
                "expires_at": "2030-01-01T00:30:00.000Z", "app_id": request.get("app_id", "email-assistant"),
                "end_user_id": request["end_user"]["id"], "allowed_authenticators": request.get("allowed_authenticators", ["gmail"]),
                "allowed_origins": request.get("allowed_origins", []), "return_to": request.get("return_to"),
            })
        if path.startswith("/api/v1/proxy/"):
            _, _, _, _, authenticator, *rest = path.split("/")
            provider_path = "/" + "/".join(rest)
            proxied = {**json_type, "fiberwise-proxied": "true"}
            if provider_path == "/gmail/v1/users/me/messages":
                count = int(seen.query.get("maxResults", ["3"])[0])
                return 200, proxied, encode({"messages": [{"id": f"m{i}"} for i in range(count)], "resultSizeEstimate": count})
            if provider_path.startswith("/status/"):
                status = int(provider_path.split("/")[2])
                return status, {**proxied, "retry-after": "7"}, encode({"status": status})
            if provider_path.startswith("/text"):
                return 200, {"content-type": "text/plain; charset=utf-8", "fiberwise-proxied": "true"}, b"plain words"
            echo = {
                "authenticator": authenticator, "method": seen.method, "path": provider_path, "query": seen.query_string,
                "headers": seen.headers, "body": seen.body.decode("utf-8", "replace"),
            }
            return 200, proxied, encode(echo)
        return 404, json_type, encode(envelope("route_not_found", "No such route"))


def fake_url(seen: Seen) -> str:
    """The platform URL as the request's Host header gives it."""
    return f"http://{seen.headers.get('host', '127.0.0.1')}"
