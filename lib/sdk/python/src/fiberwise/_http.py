"""The sync transport: base URL rules, one HTTP exchange with urllib, and the error envelope."""

from __future__ import annotations

import http.client
import json
import platform
import socket
import urllib.error
import urllib.parse
import urllib.request
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union, cast

from ._version import __version__
from .errors import NETWORK_ERROR, FiberWiseError
from .models import ProxyResponse

USER_AGENT = f"fiberwise-python/{__version__} (Python {platform.python_version()})"

QueryValue = Union[str, int, float, bool, None, Sequence[Union[str, int, float, bool]]]
Params = Union[Mapping[str, QueryValue], Sequence[Tuple[str, Any]]]


def normalize_base_url(url: str) -> str:
    """The API root for a platform URL given with or without ``/api/v1`` and trailing slashes.

    ``http://127.0.0.1:3100``, ``…/`` and ``…/api/v1/`` all give ``http://127.0.0.1:3100/api/v1``;
    a path prefix is kept (``https://example.com/fw`` → ``https://example.com/fw/api/v1``).
    """
    if not isinstance(url, str) or not url.strip():
        raise ValueError("The FiberWise URL must be a non-empty string such as https://fiberwise.example.com")
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("The FiberWise URL must be an absolute http(s) URL such as https://fiberwise.example.com")
    if parts.username is not None or parts.password is not None:
        raise ValueError("The FiberWise URL must not contain credentials: pass the API key as api_key")
    if parts.query or parts.fragment:
        raise ValueError("The FiberWise URL must not have a query or a fragment")
    path = parts.path.rstrip("/")
    if not path.endswith("/api/v1"):
        path += "/api/v1"
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


def encode_params(params: Optional[Params]) -> list[tuple[str, str]]:
    """Query pairs: None values are dropped, booleans are ``true``/``false``, lists repeat the name."""
    if not params:
        return []
    items = params.items() if isinstance(params, Mapping) else params
    pairs: list[tuple[str, str]] = []

    def text(value: Any) -> str:
        return ("true" if value else "false") if isinstance(value, bool) else str(value)

    for name, value in items:
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            pairs.extend((str(name), text(item)) for item in cast("Sequence[Any]", value) if item is not None)
        else:
            pairs.append((str(name), text(value)))
    return pairs


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def scrub(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret in ``text`` (defence in depth: messages must never carry one)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    return text


def json_object(value: Any) -> Optional[dict[str, Any]]:
    """``value`` when it is a JSON object, else None."""
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def platform_error(response: ProxyResponse, secrets: Iterable[str] = ()) -> FiberWiseError:
    """A FiberWiseError from one of the platform's error answers (its JSON envelope, or any other body)."""
    secrets = tuple(secrets)
    request_id = response.header("x-request-id")
    retry_after = parse_retry_after(response.header("retry-after"))
    try:
        payload = json_object(response.json())
    except ValueError:
        payload = None
    envelope = json_object(payload.get("error")) if payload else None
    code: Any = envelope.get("code") if envelope else None
    if envelope and isinstance(code, str) and code:
        details: Any = envelope.get("details")
        connect_url: Any = envelope.get("connect_url")
        envelope_request_id: Any = envelope.get("request_id")
        return FiberWiseError(
            response.status,
            code,
            scrub(str(envelope.get("message") or f"HTTP {response.status}"), secrets),
            details=cast("list[Any]", details) if isinstance(details, list) else None,
            connect_url=connect_url if isinstance(connect_url, str) and connect_url else None,
            request_id=envelope_request_id if isinstance(envelope_request_id, str) and envelope_request_id else request_id,
            retry_after=retry_after,
            body=response.body,
        )
    # Not the platform's envelope: a reverse proxy's HTML page, an older platform, a crash.
    excerpt = scrub(" ".join(response.text[:300].split()), secrets)[:200]
    kind = f" ({response.content_type})" if response.content_type else ""
    message = f"FiberWise answered HTTP {response.status}{kind} without its JSON error envelope"
    if excerpt:
        message += f": {excerpt}"
    return FiberWiseError(response.status, "http_error", message, request_id=request_id, retry_after=retry_after, body=response.body)


class _KeepEveryAnswer(urllib.request.HTTPErrorProcessor):
    """Hand back every status as a response: no HTTPError, and no redirect is followed.

    A redirect followed by urllib would resend the Authorization header (the API key) to wherever
    the Location points; the proxy relays a provider's 3xx as is, for the caller to decide.
    """

    def http_response(self, request: urllib.request.Request, response: Any) -> Any:
        return response

    https_response = http_response


class Transport:
    """One HTTP exchange with the platform, with the API key. Safe to share between threads."""

    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        self.base_url = normalize_base_url(base_url)
        self._api_key = api_key
        self.timeout = timeout
        self._opener = urllib.request.build_opener(_KeepEveryAnswer())
        parts = urllib.parse.urlsplit(self.base_url)
        self._origin = f"{parts.scheme}://{parts.netloc}"

    @property
    def secrets(self) -> tuple[str, ...]:
        """What must never appear in a message."""
        return (self._api_key,)

    def send(
        self,
        method: str,
        path: str,
        *,
        query: Sequence[tuple[str, str]] = (),
        raw_query: str = "",
        headers: Optional[Mapping[str, str]] = None,
        body: Optional[bytes] = None,
    ) -> ProxyResponse:
        """Send one request to ``{base_url}{path}`` and return the answer, whatever its status.

        Raises FiberWiseError(status 0, ``network_error``) when no answer arrives.
        """
        query_string = "&".join(part for part in (raw_query, urllib.parse.urlencode(list(query))) if part)
        url = self.base_url + path + (f"?{query_string}" if query_string else "")
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("User-Agent", USER_AGENT)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        # Last, so that no header given by the caller can replace it.
        request.add_header("Authorization", f"Bearer {self._api_key}")
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                collected: dict[str, str] = {}
                for name, value in answer.headers.items():
                    key = name.lower()
                    collected[key] = f"{collected[key]}, {value}" if key in collected else value
                return ProxyResponse(status=answer.status, headers=collected, body=answer.read())
        except (OSError, http.client.HTTPException) as error:
            raise FiberWiseError(0, NETWORK_ERROR, self._network_message(error)) from None

    def _network_message(self, error: BaseException) -> str:
        reason: Any = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, (socket.timeout, TimeoutError)):
            what = f"no answer within {self.timeout:g} s"
        else:
            what = str(reason) or type(reason).__name__
        return scrub(f"Could not reach FiberWise at {self._origin}: {what}", self.secrets)

    def call(
        self,
        method: str,
        path: str,
        *,
        query: Sequence[tuple[str, str]] = (),
        json_body: Any = None,
    ) -> Any:
        """Call a platform route: its decoded JSON answer (None for 204), FiberWiseError for >= 400."""
        headers = {"Accept": "application/json"}
        body = None
        if json_body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(json_body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        response = self.send(method, path, query=query, headers=headers, body=body)
        if response.status >= 400:
            raise platform_error(response, self.secrets)
        if response.status == 204 or not response.body.strip():
            return None
        try:
            return response.json()
        except ValueError:
            raise FiberWiseError(
                response.status, "invalid_response", f"FiberWise answered HTTP {response.status} with a body that is not JSON",
                request_id=response.header("x-request-id"), body=response.body,
            ) from None
