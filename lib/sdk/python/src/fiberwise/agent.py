"""The spec's agent base class: subclass it and call providers for the agent's user."""

from __future__ import annotations

from typing import Optional

from ._requests import require_id, require_user_id
from .aio import AsyncAuthenticatorClient, AsyncFiberWise
from .client import DEFAULT_TIMEOUT, AuthenticatorClient


class Agent:
    """Base class for backend agents that act for one user of your app.

    ::

        class EmailProcessorAgent(Agent):
            async def process_user_email(self, user_context):
                gmail = await self.get_oauth_authenticator("gmail")
                messages = await gmail.get("/gmail/v1/users/me/messages", params={"maxResults": 10})
                return {"email_count": len(messages["messages"])}

        agent = EmailProcessorAgent(end_user_id="u_123")   # FIBERWISE_URL, FIBERWISE_API_KEY

    Args:
        base_url: The platform's URL (default: ``FIBERWISE_URL``).
        api_key: An API key with the ``proxy`` scope (and ``tokens:read`` for tokens; default:
            ``FIBERWISE_API_KEY``).
        end_user_id: The end user of your app the agent acts for (your own id for them).
        user_id: Or a member of the app (the key's user must own it).
        app_id: The app (needed with ``end_user_id`` unless the key is restricted to one app).
        timeout: Seconds to wait for each answer.

    With neither ``end_user_id`` nor ``user_id`` the agent acts for the API key's own user.
    """

    def __init__(
        self,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        end_user_id: Optional[str] = None,
        user_id: Optional[int] = None,
        app_id: Optional[str] = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.fiberwise = AsyncFiberWise(base_url, api_key, timeout=timeout, app_id=app_id)
        """The async client the agent uses (``agent.fiberwise.sync`` is its sync twin)."""
        self.end_user_id = require_id("end_user_id", end_user_id)
        self.user_id = require_user_id(user_id)
        self.app_id = require_id("app_id", app_id)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.fiberwise.base_url!r}, end_user_id={self.end_user_id!r}, user_id={self.user_id!r}, app_id={self.app_id!r})"

    async def get_oauth_authenticator(self, name: str) -> AsyncAuthenticatorClient:
        """A client for the provider behind authenticator ``name``, bound to the agent's user.

        No request is made here: a missing connection shows up on the first call as
        FiberWiseError 404 ``connection_not_found`` with a ``connect_url`` for the user.
        """
        return self.fiberwise.authenticator(name, end_user_id=self.end_user_id, user_id=self.user_id, app_id=self.app_id)

    async def get_oauth_service(self, name: str) -> AsyncAuthenticatorClient:
        """The spec's other name for :meth:`get_oauth_authenticator`."""
        return await self.get_oauth_authenticator(name)

    def get_oauth_authenticator_sync(self, name: str) -> AuthenticatorClient:
        """The synchronous client for authenticator ``name``, bound to the agent's user."""
        return self.fiberwise.sync.authenticator(name, end_user_id=self.end_user_id, user_id=self.user_id, app_id=self.app_id)
