"""How SDK calls become platform requests: argument checks, proxy targets, control headers, bodies."""

from __future__ import annotations

import json as _json
import re
import urllib.parse
from typing import Any, Mapping, Optional, Union

from ._http import Params, encode_params

PROXY_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
MAX_RETRIES = 5

Body = Union[bytes, bytearray, str, Mapping[str, Any], None]

# Characters left as they are in a provider path: RFC 3986's pchar plus "/" and "%" (a path the
# caller already percent-encoded keeps its encoding; the proxy passes the path on untouched).
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
# What a header value may carry: visible ASCII and spaces (Node reads header bytes as Latin-1, so
# anything else would not arrive as sent), and never CR or LF.
_HEADER_VALUE = re.compile(r"[\x20-\x7e]*")


def require_id(name: str, value: Optional[str]) -> Optional[str]:
    """An optional id: None, or a non-blank string (an empty id must not mean "the key's own user")."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    return value


def require_user_id(value: Optional[int]) -> Optional[int]:
    """An optional member id: None or a positive integer."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("user_id must be a positive integer")
    return value


def require_authenticator(value: str) -> str:
    """The authenticator_id, e.g. ``"google"``."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("authenticator must be a non-empty authenticator_id such as 'google'")
    return value


def subject_query(end_user_id: Optional[str], user_id: Optional[int], app_id: Optional[str]) -> list[tuple[str, str]]:
    """``end_user_id``, ``user_id`` and ``app_id`` query parameters, for the ones given."""
    pairs: list[tuple[str, str]] = []
    if require_id("end_user_id", end_user_id) is not None:
        pairs.append(("end_user_id", str(end_user_id)))
    if require_user_id(user_id) is not None:
        pairs.append(("user_id", str(user_id)))
    if require_id("app_id", app_id) is not None:
        pairs.append(("app_id", str(app_id)))
    return pairs


def quote_segment(value: str) -> str:
    """One path segment of a platform route."""
    return urllib.parse.quote(value, safe="")


def proxy_method(method: str) -> str:
    """The HTTP method, upper-cased; one of those the proxy serves."""
    upper = method.upper() if isinstance(method, str) else ""
    if upper not in PROXY_METHODS:
        raise ValueError(f"method must be one of {', '.join(PROXY_METHODS)}")
    return upper


def proxy_target(authenticator: str, path: str) -> tuple[str, str]:
    """The platform path for a provider path, and the provider query the path itself carried.

    ``"/gmail/v1/users/me/messages?maxResults=5"`` → (``"/proxy/google/gmail/v1/users/me/messages"``,
    ``"maxResults=5"``). The leading slash is optional.
    """
    if not isinstance(path, str):
        raise TypeError("path must be a string such as '/gmail/v1/users/me/messages'")
    if "#" in path:
        raise ValueError("path must not contain a fragment ('#')")
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in path):
        raise ValueError("path must not contain control characters")
    provider_path, _, provider_query = path.partition("?")
    quoted = urllib.parse.quote(provider_path.lstrip("/"), safe=_PATH_SAFE)
    return f"/proxy/{quote_segment(require_authenticator(authenticator))}/{quoted}", provider_query


def header_value(name: str, value: str) -> str:
    """A control header's value, refused when it could not travel unchanged."""
    if not _HEADER_VALUE.fullmatch(value):
        raise ValueError(f"{name} must be printable ASCII to travel in a header")
    return value


def proxy_headers(
    headers: Optional[Mapping[str, str]],
    *,
    end_user_id: Optional[str],
    user_id: Optional[int],
    app_id: Optional[str],
    retries: Optional[int],
    retry_unsafe: bool,
) -> dict[str, str]:
    """The caller's headers for the provider plus the platform's ``fiberwise-*`` control headers.

    The caller may not set ``Authorization`` (the API key goes there; the platform puts the
    provider token in its place) nor any ``fiberwise-*`` header (use the keyword arguments).
    """
    out: dict[str, str] = {}
    for name, value in (headers or {}).items():
        lower = str(name).lower()
        if lower == "authorization":
            raise ValueError("headers must not set Authorization: the platform adds the provider token")
        if lower.startswith("fiberwise-"):
            raise ValueError(f"headers must not set {name}: use the end_user_id, user_id, app_id, retries and retry_unsafe arguments")
        out[str(name)] = str(value)
    if require_id("end_user_id", end_user_id) is not None:
        out["fiberwise-end-user-id"] = header_value("end_user_id", str(end_user_id))
    if require_user_id(user_id) is not None:
        out["fiberwise-user-id"] = str(user_id)
    if require_id("app_id", app_id) is not None:
        out["fiberwise-app-id"] = header_value("app_id", str(app_id))
    if retries is not None:
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= MAX_RETRIES:
            raise ValueError(f"retries must be an integer from 0 to {MAX_RETRIES}")
        out["fiberwise-retries"] = str(retries)
    if retry_unsafe:
        out["fiberwise-retry-unsafe"] = "true"
    return out


def encode_body(json: Any, data: Body, headers: dict[str, str]) -> Optional[bytes]:
    """The request body from ``json`` or ``data``; sets Content-Type in ``headers`` unless the caller did."""
    has_type = any(name.lower() == "content-type" for name in headers)

    def content_type(value: str) -> None:
        if not has_type:
            headers["Content-Type"] = value

    if json is not None and data is not None:
        raise ValueError("pass json or data, not both")
    if json is not None:
        content_type("application/json")
        return _json.dumps(json, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if data is None:
        return None
    if isinstance(data, (bytes, bytearray)):
        content_type("application/octet-stream")
        return bytes(data)
    if isinstance(data, str):
        content_type("text/plain; charset=utf-8")
        return data.encode("utf-8")
    if isinstance(data, Mapping):
        content_type("application/x-www-form-urlencoded")
        return urllib.parse.urlencode(encode_params(data)).encode("ascii")
    raise TypeError("data must be bytes, str or a mapping of form fields")


__all__ = [
    "PROXY_METHODS",
    "Params",
    "encode_body",
    "proxy_headers",
    "proxy_method",
    "proxy_target",
    "require_authenticator",
    "require_id",
    "subject_query",
]
