"""The asynchronous client: the sync client's calls, each run in a worker thread (``asyncio.to_thread``).

A call blocks one thread of the default executor for its duration, not the event loop; calls made
together with ``asyncio.gather`` run concurrently.
"""

from __future__ import annotations

import asyncio
from typing import Any, Mapping, Optional, Sequence

from ._http import Params
from ._requests import Body, require_authenticator, require_id, require_user_id
from .client import DEFAULT_TIMEOUT, FiberWise, decode_provider_answer
from .models import AccessToken, ConnectSession, Connection, ProxyResponse


class AsyncFiberWise:
    """The asyncio twin of :class:`~fiberwise.FiberWise`: the same arguments, methods and errors, awaited.

    Args:
        base_url: The platform's URL, with or without ``/api/v1`` (default: ``FIBERWISE_URL``).
        api_key: An API key (default: ``FIBERWISE_API_KEY``).
        timeout: Seconds to wait for each answer.
        app_id: The app used when a call gives none.
    """

    def __init__(
        self,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        app_id: Optional[str] = None,
    ) -> None:
        self.sync = FiberWise(base_url, api_key, timeout=timeout, app_id=app_id)
        """The synchronous client doing the work (same settings)."""

    @property
    def base_url(self) -> str:
        """The API root every call goes to."""
        return self.sync.base_url

    @property
    def app_id(self) -> Optional[str]:
        """The app used when a call gives none."""
        return self.sync.app_id

    def __repr__(self) -> str:
        return f"AsyncFiberWise(base_url={self.base_url!r}, app_id={self.app_id!r})"

    async def get_access_token(
        self,
        authenticator: str,
        *,
        end_user_id: Optional[str] = None,
        user_id: Optional[int] = None,
        app_id: Optional[str] = None,
        force_refresh: bool = False,
    ) -> AccessToken:
        """A valid access token for a connected account; see :meth:`FiberWise.get_access_token`."""
        return await asyncio.to_thread(
            self.sync.get_access_token, authenticator, end_user_id=end_user_id, user_id=user_id, app_id=app_id, force_refresh=force_refresh
        )

    async def proxy(
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
        """Call the provider's API through the proxy; see :meth:`FiberWise.proxy`."""
        return await asyncio.to_thread(
            self.sync.proxy, authenticator, method, path, params=params, headers=headers, json=json, data=data,
            end_user_id=end_user_id, user_id=user_id, app_id=app_id, retries=retries, retry_unsafe=retry_unsafe,
        )

    async def create_connect_session(
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
        """Mint a connect session for an end user; see :meth:`FiberWise.create_connect_session`."""
        return await asyncio.to_thread(
            self.sync.create_connect_session, end_user_id, email=email, display_name=display_name, tags=tags,
            allowed_authenticators=allowed_authenticators, allowed_origins=allowed_origins, return_to=return_to, app_id=app_id,
        )

    async def list_connections(self, *, end_user_id: Optional[str] = None, app_id: Optional[str] = None) -> list[Connection]:
        """Connections and their statuses; see :meth:`FiberWise.list_connections`."""
        return await asyncio.to_thread(self.sync.list_connections, end_user_id=end_user_id, app_id=app_id)

    async def disconnect(
        self,
        authenticator: str,
        *,
        end_user_id: Optional[str] = None,
        user_id: Optional[int] = None,
        app_id: Optional[str] = None,
    ) -> None:
        """Disconnect an account; see :meth:`FiberWise.disconnect`."""
        await asyncio.to_thread(self.sync.disconnect, authenticator, end_user_id=end_user_id, user_id=user_id, app_id=app_id)

    def authenticator(
        self,
        authenticator_id: str,
        *,
        end_user_id: Optional[str] = None,
        user_id: Optional[int] = None,
        app_id: Optional[str] = None,
    ) -> AsyncAuthenticatorClient:
        """A client bound to one authenticator and one account (no request is made)."""
        return AsyncAuthenticatorClient(self, authenticator_id, end_user_id=end_user_id, user_id=user_id, app_id=app_id)


class AsyncAuthenticatorClient:
    """The asyncio twin of :class:`~fiberwise.AuthenticatorClient`.

    ``await gmail.get(path, params=…)`` returns the decoded JSON body and raises FiberWiseError
    ``upstream_error`` when the provider answers >= 400; ``await gmail.request(…)`` returns every
    answer as a :class:`~fiberwise.ProxyResponse`.
    """

    def __init__(
        self,
        client: AsyncFiberWise,
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
        return f"AsyncAuthenticatorClient({self.authenticator_id!r}{whose})"

    async def request(
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
        return await self.client.proxy(
            self.authenticator_id, method, path, params=params, headers=headers, json=json, data=data,
            end_user_id=self.end_user_id, user_id=self.user_id, app_id=self.app_id, retries=retries, retry_unsafe=retry_unsafe,
        )

    async def _call(self, method: str, path: str, params: Optional[Params], json: Any, data: Body, headers: Optional[Mapping[str, str]], retries: Optional[int]) -> Any:
        response = await self.request(method, path, params=params, json=json, data=data, headers=headers, retries=retries)
        return decode_provider_answer(response, method, path)

    async def get(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """GET ``path``: the decoded JSON body."""
        return await self._call("GET", path, params, json, data, headers, retries)

    async def post(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """POST ``path``: the decoded JSON body."""
        return await self._call("POST", path, params, json, data, headers, retries)

    async def put(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """PUT ``path``: the decoded JSON body."""
        return await self._call("PUT", path, params, json, data, headers, retries)

    async def patch(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """PATCH ``path``: the decoded JSON body."""
        return await self._call("PATCH", path, params, json, data, headers, retries)

    async def delete(self, path: str, *, params: Optional[Params] = None, json: Any = None, data: Body = None, headers: Optional[Mapping[str, str]] = None, retries: Optional[int] = None) -> Any:
        """DELETE ``path``: the decoded JSON body (None for an empty answer)."""
        return await self._call("DELETE", path, params, json, data, headers, retries)

    async def access_token(self, *, force_refresh: bool = False) -> AccessToken:
        """A valid access token for this account (scope ``tokens:read``)."""
        return await self.client.get_access_token(
            self.authenticator_id, end_user_id=self.end_user_id, user_id=self.user_id, app_id=self.app_id, force_refresh=force_refresh
        )
