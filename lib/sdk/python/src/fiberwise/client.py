"""The synchronous client: :class:`FiberWise` and its bound :class:`AuthenticatorClient`."""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Sequence, cast

from ._http import Params, Transport, encode_params, json_object, parse_retry_after, platform_error
from ._requests import (
    Body,
    encode_body,
    proxy_headers,
    proxy_method,
    proxy_target,
    quote_segment,
    require_authenticator,
    require_id,
    require_user_id,
    subject_query,
)
from .errors import UPSTREAM_ERROR, FiberWiseError
from .models import AccessToken, ConnectSession, Connection, ProxyResponse

DEFAULT_TIMEOUT = 30.0


def _setting(value: Optional[str], variable: str, what: str) -> str:
    chosen = value if value is not None else os.environ.get(variable)
    if not chosen or not chosen.strip():
        raise ValueError(f"FiberWise needs {what}: pass it as an argument or set {variable}")
    return chosen.strip()


class FiberWise:
    """A client of the FiberWise API for backends and agents, authenticated with an API key.

    Args:
        base_url: The platform's URL, with or without ``/api/v1`` (default: ``FIBERWISE_URL``).
        api_key: An API key (default: ``FIBERWISE_API_KEY``). Never shown in a repr or a message.
        timeout: Seconds to wait for each answer.
        app_id: The app used when a call gives none (needed with ``end_user_id`` unless the key
            is restricted to one app).

    Every call raises :class:`~fiberwise.FiberWiseError` for the platform's errors and for network
    failures (status 0, code ``network_error``), and ``ValueError`` for arguments it cannot send.
    One instance may be shared between threads.
    """

    def __init__(
        self,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        app_id: Optional[str] = None,
    ) -> None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ValueError("timeout must be a positive number of seconds")
        self.app_id = require_id("app_id", app_id)
        self._transport = Transport(
            _setting(base_url, "FIBERWISE_URL", "the platform's URL (base_url)"),
            _setting(api_key, "FIBERWISE_API_KEY", "an API key (api_key)"),
            float(timeout),
        )

    @property
    def base_url(self) -> str:
        """The API root every call goes to, e.g. ``https://fiberwise.example.com/api/v1``."""
        return self._transport.base_url

    @property
    def timeout(self) -> float:
        """Seconds to wait for each answer."""
        return self._transport.timeout

    def __repr__(self) -> str:
        return f"FiberWise(base_url={self.base_url!r}, app_id={self.app_id!r})"

    def _app(self, app_id: Optional[str]) -> Optional[str]:
        return app_id if app_id is not None else self.app_id

    def get_access_token(
        self,
        authenticator: str,
        *,
        end_user_id: Optional[str] = None,
        user_id: Optional[int] = None,
        app_id: Optional[str] = None,
        force_refresh: bool = False,
    ) -> AccessToken:
        """A valid access token for a connected account (scope ``tokens:read``).

        Args:
            authenticator: The authenticator_id, e.g. ``"google"``.
            end_user_id: Act for one of the app's end users (your own id for them).
            user_id: Act for another member of the app (the key's user must own it).
            app_id: The app (default: the client's ``app_id``).
            force_refresh: Refresh now, e.g. after the provider answered 401.

        With neither ``end_user_id`` nor ``user_id``, the token is the key's own user's.
        Errors: 404 ``connection_not_found``, 409 ``reauthorization_required``, 409
        ``token_expired``, 503 ``provider_unavailable`` (``retry_after`` set).
        """
        query = subject_query(end_user_id, user_id, self._app(app_id))
        if force_refresh:
            query.append(("force_refresh", "true"))
        path = f"/credentials/connections/{quote_segment(require_authenticator(authenticator))}/token"
        return AccessToken.from_json(self._transport.call("GET", path, query=query))

    def proxy(
        self,
        authenticator: str,
        method: str,
        path: str,
        *,
        params: Optional[Params] = None,
        headers: Optional[Mapping[str, str]] = None,
        json: Any = None,
        data: Body = None,
        end_user_id: Optional[str] = None,
        user_id: Optional[int] = None,
        app_id: Optional[str] = None,
        retries: Optional[int] = None,
        retry_unsafe: bool = False,
    ) -> ProxyResponse:
        """Call the provider's API through the platform's proxy (scope ``proxy``), with the user's token.

        The platform sends ``method`` ``path`` (relative to the provider's API base, e.g.
        ``/gmail/v1/users/me/messages``) with ``params``, ``headers`` and the body to the provider,
        adding a valid access token; your API key never reaches the provider.

        Args:
            authenticator: The authenticator_id.
            method: GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS.
            path: The provider path; a query string in it is kept, ``params`` are appended.
            params: Query parameters (lists repeat the name, None values are dropped).
            headers: Headers for the provider (not ``Authorization`` nor ``fiberwise-*``).
            json: A body sent as JSON. ``data``: bytes, a str, or a mapping sent as a form.
            end_user_id, user_id, app_id: Whose account (as in :meth:`get_access_token`).
            retries: Let the platform retry 429/503 (honouring Retry-After) and 5xx, 0 to 5 times.
            retry_unsafe: Allow those retries for POST and PATCH too.

        Returns the provider's answer whatever its status (see ``ProxyResponse.ok``). Raises
        FiberWiseError for the platform's own errors: 404 ``connection_not_found`` (with
        ``connect_url``), 409 ``reauthorization_required``, 502/503 ``provider_unavailable``, 422
        ``invalid_proxy_path``…
        """
        verb = proxy_method(method)
        route, provider_query = proxy_target(authenticator, path)
        sent_headers = proxy_headers(
            headers, end_user_id=end_user_id, user_id=user_id, app_id=self._app(app_id), retries=retries, retry_unsafe=retry_unsafe
        )
        body = encode_body(json, data, sent_headers)
        response = self._transport.send(verb, route, query=encode_params(params), raw_query=provider_query, headers=sent_headers, body=body)
        # Only the platform's own answers lack this header: those are its errors, in its envelope.
        if not response.proxied and response.status >= 400:
            raise platform_error(response, self._transport.secrets)
        return response

    def create_connect_session(
        self,
        end_user_id: str,
        *,
        email: Optional[str] = None,
        display_name: Optional[str] = None,
        tags: Optional[Mapping[str, str]] = None,
        allowed_authenticators: Optional[Sequence[str]] = None,
        allowed_origins: Optional[Sequence[str]] = None,
        return_to: Optional[str] = None,
        app_id: Optional[str] = None,
    ) -> ConnectSession:
        """Mint a 30-minute connect session for one of the app's end users (scope ``connect:write``).

        Give ``session.token`` to your frontend, or send the end user to ``session.connect_url``.
        The end user is created the first time a session names them, and updated by later ones.

        Args:
            end_user_id: Your app's id for the user (1–255 printable characters).
            email, display_name, tags: Shown in the dashboard's End users page (tags: up to 32).
            allowed_authenticators: What the user may connect (default: the app's enabled ones).
            allowed_origins: Origins of your pages that may use the session from the browser.
            return_to: Where the browser goes afterwards (on one of ``allowed_origins``).
            app_id: The app (default: the client's, else the key's).
        """
        end_user: dict[str, Any] = {"id": require_id("end_user_id", end_user_id)}
        if email is not None:
            end_user["email"] = email
        if display_name is not None:
            end_user["display_name"] = display_name
        if tags is not None:
            end_user["tags"] = dict(tags)
        body: dict[str, Any] = {"end_user": end_user}
        app = require_id("app_id", self._app(app_id))
        if app is not None:
            body["app_id"] = app
        for key, value in (("allowed_authenticators", allowed_authenticators), ("allowed_origins", allowed_origins)):
            if value is not None:
                if isinstance(value, str):
                    raise TypeError(f"{key} must be a list of strings, not a string")
                body[key] = list(value)
        if return_to is not None:
            body["return_to"] = return_to
        return ConnectSession.from_json(self._transport.call("POST", "/connect/sessions", json_body=body))

    def list_connections(self, *, end_user_id: Optional[str] = None, app_id: Optional[str] = None) -> list[Connection]:
        """Connections with their status, scopes and timings, never a token (scope ``connections:read``).

        The key's own user's, or with ``end_user_id`` one end user's of the app.
        """
        answer = self._transport.call("GET", "/credentials/connections", query=subject_query(end_user_id, None, self._app(app_id)))
        body = json_object(answer) or {}
        items: Any = body.get("connections")
        found = [json_object(item) for item in cast("list[Any]", items)] if isinstance(items, list) else []
        return [Connection.from_json(item) for item in found if item is not None]

    def disconnect(
        self,
        authenticator: str,
        *,
        end_user_id: Optional[str] = None,
        user_id: Optional[int] = None,
        app_id: Optional[str] = None,
    ) -> None:
        """Disconnect an account: revoke it at the provider and delete its tokens (scope ``connections:write``)."""
        path = f"/credentials/connections/{quote_segment(require_authenticator(authenticator))}"
        self._transport.call("DELETE", path, query=subject_query(end_user_id, user_id, self._app(app_id)))

    def authenticator(
        self,
        authenticator_id: str,
        *,
        end_user_id: Optional[str] = None,
        user_id: Optional[int] = None,
        app_id: Optional[str] = None,
    ) -> AuthenticatorClient:
        """A client bound to one authenticator and one account: ``fiber.authenticator("google", end_user_id="u_123").get(…)``."""
        return AuthenticatorClient(self, authenticator_id, end_user_id=end_user_id, user_id=user_id, app_id=app_id)


def decode_provider_answer(response: ProxyResponse, method: str, path: str) -> Any:
    """The provider's JSON body (None when empty); FiberWiseError ``upstream_error`` for >= 400."""
    if response.status >= 400:
        where = path.split("?")[0]
        raise FiberWiseError(
            response.status, UPSTREAM_ERROR, f"The provider answered HTTP {response.status} to {method.upper()} {where}",
            body=response.body, response=response, retry_after=parse_retry_after(response.header("retry-after")),
        )
    if not response.body.strip():
        return None
    try:
        return response.json()
    except ValueError:
        raise FiberWiseError(
            response.status, "invalid_response",
            f"The provider answered HTTP {response.status} with a body that is not JSON ({response.content_type or 'no content type'}); use request() for raw bodies",
            body=response.body, response=response,
        ) from None


class AuthenticatorClient:
    """Calls to one provider's API for one account, through the platform's proxy.

    ``get``/``post``/``put``/``patch``/``delete`` return the decoded JSON body and raise
    :class:`~fiberwise.FiberWiseError` (code ``upstream_error``, the provider's ``status`` and
    ``body``) when the provider answers >= 400; :meth:`request` returns every answer as a
    :class:`~fiberwise.ProxyResponse`.
    """

    def __init__(
        self,
        client: FiberWise,
        authenticator_id: str,
        *,
        end_user_id: Optional[str] = None,
        user_id: Optional[int] = None,
        app_id: Optional[str] = None,
    ) -> None:
        self.client = client
        self.authenticator_id = require_authenticator(authenticator_id)
        self.end_user_id = require_id("end_user_id", end_user_id)
        self.user_id = require_user_id(user_id)
        self.app_id = require_id("app_id", app_id)

    def __repr__(self) -> str:
        whose = f", end_user_id={self.end_user_id!r}" if self.end_user_id is not None else ""
        whose += f", user_id={self.user_id!r}" if self.user_id is not None else ""
        return f"AuthenticatorClient({self.authenticator_id!r}{whose})"

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Optional[Params] = None,
        json: Any = None,
        data: Body = None,
        headers: Optional[Mapping[str, str]] = None,
        retries: Optional[int] = None,
        retry_unsafe: bool = False,
    ) -> ProxyResponse:
        """Any request; the provider's answer whatever its status (platform errors still raise)."""
        return self.client.proxy(
            self.authenticator_id, method, path, params=params, headers=headers, json=json, data=data,
            end_user_id=self.end_user_id, user_id=self.user_id, app_id=self.app_id, retries=retries, retry_unsafe=retry_unsafe,
        )

    def _call(self, method: str, path: str, params: Optional[Params], json: Any, data: Body, headers: Optional[Mapping[str, str]], retries: Optional[int]) -> Any:
        response = self.request(method, path, params=params, json=json, data=data, headers=headers, retries=retries)
        return decode_provider_answer(response, method, path)

    def get(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """GET ``path``: the decoded JSON body."""
        return self._call("GET", path, params, json, data, headers, retries)

    def post(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """POST ``path``: the decoded JSON body (``retries`` here also needs ``request(…, retry_unsafe=True)``)."""
        return self._call("POST", path, params, json, data, headers, retries)

    def put(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """PUT ``path``: the decoded JSON body."""
        return self._call("PUT", path, params, json, data, headers, retries)

    def patch(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """PATCH ``path``: the decoded JSON body."""
        return self._call("PATCH", path, params, json, data, headers, retries)

    def delete(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """DELETE ``path``: the decoded JSON body (None for an empty answer such as 204)."""
        return self._call("DELETE", path, params, json, data, headers, retries)

    def access_token(self, *, force_refresh: bool = False) -> AccessToken:
        """A valid access token for this account (scope ``tokens:read``)."""
        return self.client.get_access_token(
            self.authenticator_id, end_user_id=self.end_user_id, user_id=self.user_id, app_id=self.app_id, force_refresh=force_refresh
        )
