"""Integration tests against a real FiberWise platform (skipped unless the environment names one).

FIBERWISE_URL, FIBERWISE_API_KEY          the platform and an all-scopes API key of the app's owner
FIBERWISE_TEST_APP_ID                     the app
FIBERWISE_TEST_AUTHENTICATOR              an authenticator whose api_base_url is the test provider API
                                          (e2e/fixtures/upstream-api.ts: /echo, /gmail, /status, /flaky)
FIBERWISE_TEST_END_USER_ID                an end user of the app connected to it
FIBERWISE_TEST_PROVIDER_SUB               optional: the account they logged in with at the provider

e2e/api/python-sdk.spec.ts sets all of that up and runs these tests in a fresh venv.
"""

from __future__ import annotations

import asyncio
import json
import os
import unittest
import urllib.request
import uuid
from typing import Any

from fiberwise import Agent, AsyncFiberWise, FiberWise, FiberWiseError, ProxyResponse

REQUIRED = ("FIBERWISE_URL", "FIBERWISE_API_KEY", "FIBERWISE_TEST_APP_ID", "FIBERWISE_TEST_AUTHENTICATOR", "FIBERWISE_TEST_END_USER_ID")
MISSING = [name for name in REQUIRED if not os.environ.get(name)]
SKIP_REASON = f"integration tests need {', '.join(MISSING)}"

URL = os.environ.get("FIBERWISE_URL", "")
API_KEY = os.environ.get("FIBERWISE_API_KEY", "")
APP_ID = os.environ.get("FIBERWISE_TEST_APP_ID", "")
AUTHENTICATOR = os.environ.get("FIBERWISE_TEST_AUTHENTICATOR", "")
END_USER_ID = os.environ.get("FIBERWISE_TEST_END_USER_ID", "")
PROVIDER_SUB = os.environ.get("FIBERWISE_TEST_PROVIDER_SUB")


class EmailProcessorAgent(Agent):
    """The spec's agent (its 'gmail' is the authenticator under test)."""

    async def process_user_email(self, user_context: Any) -> dict[str, int]:
        gmail = await self.get_oauth_authenticator(AUTHENTICATOR)  # bound to this agent's end user
        messages = await gmail.get("/gmail/v1/users/me/messages", params={"maxResults": 10})
        return {"email_count": len(messages["messages"])}


class UpstreamChecks(unittest.TestCase):
    def assert_clean_echo(self, echo: dict[str, Any]) -> None:
        """The provider saw the user's token, and neither the API key nor any control header."""
        headers: dict[str, Any] = echo["headers"]
        self.assertNotIn(API_KEY, json.dumps(echo))
        self.assertEqual([name for name in headers if name.lower().startswith("fiberwise-")], [])
        self.assertTrue(str(headers.get("authorization", "")).startswith("Bearer "))
        if PROVIDER_SUB:
            self.assertEqual(echo["sub"], PROVIDER_SUB)


@unittest.skipIf(MISSING, SKIP_REASON)
class SyncIntegrationTest(UpstreamChecks):
    def setUp(self) -> None:
        self.client = FiberWise(URL, API_KEY, app_id=APP_ID)
        self.provider = self.client.authenticator(AUTHENTICATOR, end_user_id=END_USER_ID)

    def test_token_for_the_end_user(self) -> None:
        token = self.client.get_access_token(AUTHENTICATOR, end_user_id=END_USER_ID)
        self.assertEqual(token.token_type, "Bearer")
        self.assertTrue(token.access_token)
        self.assertNotIn(token.access_token, repr(token))
        refreshed = self.provider.access_token(force_refresh=True)
        self.assertTrue(refreshed.access_token)
        # The proxy serves with whichever token is current.
        echo = self.provider.get("/echo/after-refresh")
        self.assertEqual(echo["headers"]["authorization"], f"Bearer {self.provider.access_token().access_token}")

    def test_proxy_get_with_params(self) -> None:
        echo = self.provider.get("/echo/search", params={"q": "a b", "n": 3, "tag": ["x", "y"]}, headers={"X-Trace": "py"})
        self.assertEqual((echo["method"], echo["path"], echo["query"]), ("GET", "/echo/search", "?q=a+b&n=3&tag=x&tag=y"))
        self.assertEqual(echo["headers"].get("x-trace"), "py")
        self.assert_clean_echo(echo)

    def test_proxy_json_bodies(self) -> None:
        for verb in ("post", "put", "patch", "delete"):
            payload = {"verb": verb, "items": [1, 2], "text": "héllo"}
            echo = getattr(self.provider, verb)(f"/echo/items/{verb}", json=payload, params={"v": "1"})
            self.assertEqual((echo["method"], echo["path"], echo["query"]), (verb.upper(), f"/echo/items/{verb}", "?v=1"))
            self.assertEqual(json.loads(echo["body"]), payload)
            self.assertEqual(echo["headers"]["content-type"], "application/json")
            self.assert_clean_echo(echo)

    def test_proxy_for_the_app_given_per_call(self) -> None:
        client = FiberWise(URL, API_KEY)
        response = client.proxy(AUTHENTICATOR, "POST", "/echo/form", data={"a": "1"}, end_user_id=END_USER_ID, app_id=APP_ID)
        self.assertIsInstance(response, ProxyResponse)
        self.assertEqual((response.status, response.proxied), (200, True))
        self.assertEqual(response.json()["body"], "a=1")

    def test_provider_statuses(self) -> None:
        response = self.provider.request("GET", "/status/418")
        self.assertEqual((response.status, response.proxied, response.json()), (418, True, {"status": 418}))
        with self.assertRaises(FiberWiseError) as caught:
            self.provider.get("/status/404")
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "upstream_error"))
        self.assertEqual(json.loads(caught.exception.body or b""), {"status": 404})

    def test_platform_retries(self) -> None:
        key = uuid.uuid4().hex
        answer = self.provider.get(f"/flaky/{key}", params={"fail": 1, "status": 503}, retries=2)
        self.assertEqual(answer, {"ok": True, "attempts": 2})
        response = self.provider.request("POST", f"/flaky/{key}-post", params={"fail": 1, "status": 503}, json={}, retries=1, retry_unsafe=True)
        self.assertEqual((response.status, response.attempts), (200, 2))
        once = self.provider.request("GET", f"/flaky/{key}-no-retry", params={"fail": 1, "status": 503})
        self.assertEqual(once.status, 503)

    def test_connection_not_found_for_an_unknown_end_user(self) -> None:
        stranger = f"py-nobody-{uuid.uuid4().hex[:8]}"
        with self.assertRaises(FiberWiseError) as caught:
            self.client.get_access_token(AUTHENTICATOR, end_user_id=stranger)
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "connection_not_found"))
        with self.assertRaises(FiberWiseError) as caught:
            self.client.authenticator(AUTHENTICATOR, end_user_id=stranger).get("/echo/x")
        error = caught.exception
        self.assertEqual((error.status, error.code), (404, "connection_not_found"))
        self.assertTrue(error.connect_url and "/connect/" in error.connect_url, error.connect_url)
        self.assertNotIn(API_KEY, str(error) + repr(error))
        with self.assertRaises(FiberWiseError) as caught:
            self.client.disconnect(AUTHENTICATOR, end_user_id=stranger)
        self.assertEqual(caught.exception.status, 404)

    def test_create_connect_session(self) -> None:
        session = self.client.create_connect_session(
            f"py-{uuid.uuid4().hex[:8]}", email="py@example.com", display_name="Py", tags={"sdk": "python"}, allowed_authenticators=[AUTHENTICATOR]
        )
        self.assertTrue(session.token.startswith("fw_cs_"))
        self.assertIn(f"/connect/{session.token}", session.connect_url)
        self.assertEqual((session.app_id, session.allowed_authenticators), (APP_ID, [AUTHENTICATOR]))
        self.assertNotIn(session.token, repr(session))
        with urllib.request.urlopen(session.connect_url, timeout=10) as page:
            self.assertEqual(page.status, 200)

    def test_list_connections(self) -> None:
        connections = self.client.list_connections(end_user_id=END_USER_ID)
        mine = [c for c in connections if c.authenticator_id == AUTHENTICATOR]
        self.assertEqual([c.status for c in mine], ["active"])
        self.assertNotIn("access_token", repr(connections))

    def test_a_wrong_api_key(self) -> None:
        wrong = "fw_live_" + "0" * 40
        with self.assertRaises(FiberWiseError) as caught:
            FiberWise(URL, wrong).get_access_token(AUTHENTICATOR)
        self.assertEqual(caught.exception.status, 401)
        self.assertNotIn(wrong, str(caught.exception) + repr(caught.exception))


@unittest.skipIf(MISSING, SKIP_REASON)
class AsyncIntegrationTest(unittest.IsolatedAsyncioTestCase, UpstreamChecks):
    async def test_the_spec_agent(self) -> None:
        agent = EmailProcessorAgent(base_url=URL, api_key=API_KEY, end_user_id=END_USER_ID, app_id=APP_ID)
        self.assertEqual(await agent.process_user_email({"end_user_id": END_USER_ID}), {"email_count": 10})
        service = await agent.get_oauth_service(AUTHENTICATOR)
        listed = await service.get("/gmail/v1/users/me/messages", params={"maxResults": 2})
        self.assertEqual(len(listed["messages"]), 2)
        sync = agent.get_oauth_authenticator_sync(AUTHENTICATOR)
        self.assertEqual(len(sync.get("/gmail/v1/users/me/messages", params={"maxResults": 1})["messages"]), 1)

    async def test_async_token_proxy_and_errors(self) -> None:
        client = AsyncFiberWise(URL, API_KEY, app_id=APP_ID)
        token = await client.get_access_token(AUTHENTICATOR, end_user_id=END_USER_ID)
        self.assertTrue(token.access_token)
        provider = client.authenticator(AUTHENTICATOR, end_user_id=END_USER_ID)
        echo = await provider.get("/echo/async", params={"page": 2})
        self.assertEqual((echo["method"], echo["query"]), ("GET", "?page=2"))
        self.assert_clean_echo(echo)
        for verb in ("post", "put", "delete"):
            echo = await getattr(provider, verb)("/echo/async", json={"verb": verb})
            self.assertEqual((echo["method"], json.loads(echo["body"])), (verb.upper(), {"verb": verb}))
            self.assert_clean_echo(echo)
        with self.assertRaises(FiberWiseError) as caught:
            await client.get_access_token(AUTHENTICATOR, end_user_id=f"py-nobody-{uuid.uuid4().hex[:8]}")
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "connection_not_found"))
        session = await client.create_connect_session(f"py-{uuid.uuid4().hex[:8]}")
        self.assertIn("/connect/", session.connect_url)

    async def test_concurrent_calls(self) -> None:
        provider = AsyncFiberWise(URL, API_KEY, app_id=APP_ID).authenticator(AUTHENTICATOR, end_user_id=END_USER_ID)
        answers = await asyncio.gather(*(provider.get(f"/echo/concurrent/{i}") for i in range(6)))
        self.assertEqual(sorted(a["path"] for a in answers), sorted(f"/echo/concurrent/{i}" for i in range(6)))


if __name__ == "__main__":
    unittest.main()
