"""The one error the SDK raises for answers it cannot return: :class:`FiberWiseError`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from .models import ProxyResponse

NETWORK_ERROR = "network_error"
"""Code of errors raised when FiberWise could not be reached (``status`` is 0)."""

UPSTREAM_ERROR = "upstream_error"
"""Code of errors raised by the bound clients' ``get``/``post``/… when the provider answered >= 400."""


class FiberWiseError(Exception):
    """An error answered by the FiberWise API, a provider error, or a network failure.

    Attributes:
        status: The HTTP status (0 when FiberWise could not be reached).
        code: The API's stable error code (``connection_not_found``, ``reauthorization_required``,
            ``provider_unavailable``…), ``upstream_error`` for a provider's own >= 400 answer through
            the proxy, ``network_error``, or ``http_error`` for an error whose body is not the API's
            JSON envelope.
        message: A human-readable explanation. It never contains the API key or a token.
        details: The envelope's ``details`` (validation issues, one per problem), else ``[]``.
        connect_url: Where the end user can (re)connect the account, when the platform gives one.
        request_id: The platform's request id to quote in a bug report, when it gives one.
        retry_after: Seconds to wait before trying again (the ``Retry-After`` header), when given.
        body: The raw response body (for ``upstream_error``: the provider's answer).
        response: For ``upstream_error``: the whole provider response.
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: Optional[list[Any]] = None,
        connect_url: Optional[str] = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
        body: Optional[bytes] = None,
        response: Optional[ProxyResponse] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details: list[Any] = list(details or [])
        self.connect_url = connect_url
        self.request_id = request_id
        self.retry_after = retry_after
        self.body = body
        self.response = response

    def __str__(self) -> str:
        where = f"HTTP {self.status}" if self.status else "no response"
        text = f"{self.code} ({where}): {self.message}"
        if self.request_id:
            text += f" [request_id {self.request_id}]"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        # Picklable (multiprocessing, task queues) although __init__ takes keyword arguments.
        return (self.__class__, (self.status, self.code, self.message), self.__dict__.copy())

    def __repr__(self) -> str:
        return f"FiberWiseError(status={self.status!r}, code={self.code!r}, message={self.message!r})"
