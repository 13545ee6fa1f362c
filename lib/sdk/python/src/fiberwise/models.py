"""What the API answers, as dataclasses. Secrets (tokens, connect links) never appear in a repr."""

from __future__ import annotations

import json as _json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping, Optional, cast


def _parse_time(value: Optional[str]) -> Optional[datetime]:
    if not value:
        return None
    # fromisoformat reads "Z" only from Python 3.11 on.
    return datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)


def _strings(value: Any) -> list[str]:
    return [str(item) for item in cast("list[Any]", value)] if isinstance(value, list) else []


@dataclass(frozen=True)
class AccessToken:
    """A valid access token for a connected account (refreshed first by the platform when needed).

    ``repr()`` and ``str()`` leave the token out, so logging the object does not leak it.
    """

    access_token: str = field(repr=False)
    token_type: str
    expires_at: Optional[str]
    """ISO 8601 expiry, or None when the provider gave none."""
    scopes: list[str]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AccessToken:
        """Build from the token route's JSON answer."""
        return cls(
            access_token=str(data["access_token"]),
            token_type=str(data.get("token_type") or "Bearer"),
            expires_at=data.get("expires_at"),
            scopes=_strings(data.get("scopes")),
        )

    @property
    def expires_at_datetime(self) -> Optional[datetime]:
        """``expires_at`` as an aware datetime (None when there is no expiry)."""
        return _parse_time(self.expires_at)

    @property
    def authorization(self) -> str:
        """The value of an ``Authorization`` header for the provider, e.g. ``Bearer ya29…``."""
        return f"{self.token_type} {self.access_token}"


@dataclass(frozen=True)
class ConnectSession:
    """A 30-minute connect session for one end user of the app.

    Give ``token`` to your frontend (the browser SDK's ``sessionToken``) or send the end user to
    ``connect_url`` (a hosted page). Both are left out of ``repr()``: either one lets its holder
    connect accounts for that end user.
    """

    id: str
    token: str = field(repr=False)
    connect_url: str = field(repr=False)
    expires_at: str
    app_id: str
    end_user_id: str
    allowed_authenticators: list[str]
    allowed_origins: list[str]
    return_to: Optional[str]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ConnectSession:
        """Build from ``POST /api/v1/connect/sessions``'s JSON answer."""
        return cls(
            id=str(data["id"]),
            token=str(data["token"]),
            connect_url=str(data["connect_url"]),
            expires_at=str(data.get("expires_at") or ""),
            app_id=str(data.get("app_id") or ""),
            end_user_id=str(data.get("end_user_id") or ""),
            allowed_authenticators=_strings(data.get("allowed_authenticators")),
            allowed_origins=_strings(data.get("allowed_origins")),
            return_to=data.get("return_to"),
        )


@dataclass(frozen=True)
class Connection:
    """One connected account: its status, scopes and timings (never a token)."""

    authenticator_id: str
    app_id: str
    authenticator_name: str
    authenticator_type: str
    status: str
    """``active``, ``insufficient_scopes`` or ``needs_reauth``."""
    status_reason: Optional[str]
    scopes: list[str]
    expires_at: Optional[str]
    last_refreshed_at: Optional[str]
    last_used_at: Optional[str]
    connected_at: Optional[str]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Connection:
        """Build from one item of ``GET /api/v1/credentials/connections``."""
        return cls(
            authenticator_id=str(data["authenticator_id"]),
            app_id=str(data.get("app_id") or ""),
            authenticator_name=str(data.get("authenticator_name") or ""),
            authenticator_type=str(data.get("authenticator_type") or ""),
            status=str(data.get("status") or ""),
            status_reason=data.get("status_reason"),
            scopes=_strings(data.get("scopes")),
            expires_at=data.get("expires_at"),
            last_refreshed_at=data.get("last_refreshed_at"),
            last_used_at=data.get("last_used_at"),
            connected_at=data.get("connected_at"),
        )

    @property
    def active(self) -> bool:
        """True when the connection can serve tokens."""
        return self.status == "active"


@dataclass(frozen=True)
class ProxyResponse:
    """A provider's answer relayed by the platform's proxy, whatever its status.

    ``headers`` has lower-case names; repeated headers are joined with ``", "``. ``repr()`` shows the
    status and size only (bodies and cookies may be sensitive).
    """

    status: int
    headers: Mapping[str, str] = field(repr=False)
    body: bytes = field(repr=False)

    @property
    def ok(self) -> bool:
        """True for a 2xx status."""
        return 200 <= self.status < 300

    @property
    def proxied(self) -> bool:
        """True when the answer came from the provider (the platform set ``fiberwise-proxied: true``)."""
        return self.headers.get("fiberwise-proxied", "").lower() == "true"

    @property
    def attempts(self) -> Optional[int]:
        """How many times the platform sent the request to the provider (``fiberwise-attempts``), when it says."""
        value = self.headers.get("fiberwise-attempts", "")
        return int(value) if value.isdigit() else None

    @property
    def content_type(self) -> str:
        """The media type without parameters, e.g. ``application/json`` (``""`` when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        """The body decoded with the charset of its Content-Type (UTF-8 by default)."""
        charset = "utf-8"
        for parameter in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip('"')
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON (``ValueError`` when it is not JSON)."""
        return _json.loads(self.body.decode("utf-8-sig"))

    def header(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """One header by name, case-insensitively."""
        return self.headers.get(name.lower(), default)

    def __repr__(self) -> str:
        return f"ProxyResponse(status={self.status}, content_type={self.content_type!r}, bytes={len(self.body)})"
