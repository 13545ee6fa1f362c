"""Unit tests of the async client and the spec's Agent, against the fake platform."""

from __future__ import annotations

import asyncio
import os
import unittest
from typing import Any
from unittest import mock

from fake_platform import ACCESS_TOKEN, API_KEY, FakePlatform

from fiberwise import Agent, AsyncAuthenticatorClient, AsyncFiberWise, AuthenticatorClient, FiberWiseError


class EmailProcessorAgent(Agent):
    """The spec's agent, as written there."""

    async def process_user_email(self, user_context: Any) -> dict[str, int]:
        gmail = await self.get_oauth_authenticator("gmail")
        messages = await gmail.get("/gmail/v1/users/me/messages", params={"maxResults": 10})
        return {"email_count": len(messages["messages"])}


class AsyncTest(unittest.IsolatedAsyncioTestCase):
    fake: FakePlatform

    @classmethod
    def setUpClass(cls) -> None:
        cls.fake = FakePlatform().start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.fake.stop()

    def setUp(self) -> None:
        self.fake.requests.clear()
        self.fake.queued.clear()

    async def test_the_spec_agent(self) -> None:
        agent = EmailProcessorAgent(base_url=self.fake.url, api_key=API_KEY, end_user_id="u_123", app_id="email-assistant")
        self.assertEqual(await agent.process_user_email({"user": "u_123"}), {"email_count": 10})
        seen = self.fake.last
        self.assertEqual((seen.path, seen.query), ("/api/v1/proxy/gmail/gmail/v1/users/me/messages", {"maxResults": ["10"]}))
        self.assertEqual((seen.headers["fiberwise-end-user-id"], seen.headers["fiberwise-app-id"]), ("u_123", "email-assistant"))
        self.assertIsInstance(agent.fiberwise, AsyncFiberWise)
        self.assertNotIn(API_KEY, repr(agent))

    async def test_agent_aliases_and_sync_client(self) -> None:
        agent = Agent(self.fake.url, API_KEY, user_id=42)
        service = await agent.get_oauth_service("gmail")
        self.assertIsInstance(service, AsyncAuthenticatorClient)
        self.assertEqual((service.authenticator_id, service.user_id, service.end_user_id), ("gmail", 42, None))
        sync = agent.get_oauth_authenticator_sync("gmail")
        self.assertIsInstance(sync, AuthenticatorClient)
        self.assertEqual(sync.get("/gmail/v1/users/me/messages")["resultSizeEstimate"], 3)
        self.assertEqual(self.fake.last.headers["fiberwise-user-id"], "42")

    async def test_agent_from_the_environment(self) -> None:
        with mock.patch.dict(os.environ, {"FIBERWISE_URL": self.fake.url, "FIBERWISE_API_KEY": API_KEY}):
            agent = Agent(end_user_id="u_9")
        token = await (await agent.get_oauth_authenticator("gmail")).access_token()
        self.assertEqual(token.access_token, ACCESS_TOKEN)
        self.assertEqual(self.fake.last.query, {"end_user_id": ["u_9"]})

    async def test_async_client_methods(self) -> None:
        client = AsyncFiberWise(self.fake.url, API_KEY, app_id="email-assistant")
        token, session, connections = await asyncio.gather(
            client.get_access_token("gmail", end_user_id="u_1"),
            client.create_connect_session("u_1", allowed_authenticators=["gmail"]),
            client.list_connections(end_user_id="u_1"),
        )
        self.assertEqual(token.access_token, ACCESS_TOKEN)
        self.assertEqual(session.end_user_id, "u_1")
        self.assertEqual(connections[0].authenticator_id, "gmail")
        await client.disconnect("gmail", end_user_id="u_1")
        self.assertEqual(self.fake.last.method, "DELETE")
        response = await client.proxy("gmail", "POST", "/echo/async", json={"a": 1}, end_user_id="u_1")
        self.assertEqual(response.json()["body"], '{"a":1}')
        self.assertNotIn(API_KEY, repr(client))

    async def test_async_bound_verbs_and_errors(self) -> None:
        gmail = AsyncFiberWise(self.fake.url, API_KEY).authenticator("gmail", end_user_id="u_1")
        for verb in ("post", "put", "patch", "delete"):
            echo = await getattr(gmail, verb)("/echo/v", json={"v": verb})
            self.assertEqual(echo["method"], verb.upper())
        with self.assertRaises(FiberWiseError) as caught:
            await gmail.get("/status/500")
        self.assertEqual((caught.exception.status, caught.exception.code), (500, "upstream_error"))
        self.assertEqual((await gmail.request("GET", "/status/500")).status, 500)
        nobody = AsyncFiberWise(self.fake.url, API_KEY).authenticator("gmail", end_user_id="nobody")
        with self.assertRaises(FiberWiseError) as caught:
            await nobody.get("/gmail/v1/users/me/messages")
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "connection_not_found"))

    async def test_calls_run_concurrently(self) -> None:
        client = AsyncFiberWise(self.fake.url, API_KEY)
        answers = await asyncio.gather(*(client.proxy("gmail", "GET", f"/echo/{i}") for i in range(8)))
        self.assertEqual(sorted(a.json()["path"] for a in answers), sorted(f"/echo/{i}" for i in range(8)))


if __name__ == "__main__":
    unittest.main()
