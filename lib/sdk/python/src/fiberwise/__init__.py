"""FiberWise for Python: OAuth tokens for your users' connected accounts, provider API calls through
the platform's proxy, and connect sessions, from backends and agents.

::

    from fiberwise import FiberWise
    fiber = FiberWise()  # FIBERWISE_URL, FIBERWISE_API_KEY
    gmail = fiber.authenticator("gmail", end_user_id="u_123", app_id="email-assistant")
    messages = gmail.get("/gmail/v1/users/me/messages", params={"maxResults": 10})
"""

from ._version import __version__
from .agent import Agent
from .aio import AsyncAuthenticatorClient, AsyncFiberWise
from .client import AuthenticatorClient, FiberWise
from .errors import NETWORK_ERROR, UPSTREAM_ERROR, FiberWiseError
from .models import AccessToken, ConnectSession, Connection, ProxyResponse

__all__ = [
    "NETWORK_ERROR",
    "UPSTREAM_ERROR",
    "AccessToken",
    "Agent",
    "AsyncAuthenticatorClient",
    "AsyncFiberWise",
    "AuthenticatorClient",
    "ConnectSession",
    "Connection",
    "FiberWise",
    "FiberWiseError",
    "ProxyResponse",
    "__version__",
]
