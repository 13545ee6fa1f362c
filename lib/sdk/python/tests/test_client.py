"""Unit tests of the sync client against the fake platform: URLs, settings, requests, answers."""

from __future__ import annotations

import json
import os
import unittest
from unittest import mock

from fake_platform import ACCESS_TOKEN, API_KEY, SESSION_TOKEN, FakePlatform

from fiberwise import AccessToken, AuthenticatorClient, ConnectSession, FiberWise, FiberWiseError
from fiberwise._http import normalize_base_url


class BaseUrlTest(unittest.TestCase):
    def test_with_or_without_api_v1_and_slashes(self) -> None:
        for given in (
            "http://127.0.0.1:3100", "http://127.0.0.1:3100/", "http://127.0.0.1:3100/api/v1", "http://127.0.0.1:3100/api/v1/",
            "  http://127.0.0.1:3100//  ", "HTTP://127.0.0.1:3100/api/v1//",
        ):
            self.assertEqual(normalize_base_url(given), "http://127.0.0.1:3100/api/v1", given)

    def test_a_path_prefix_is_kept(self) -> None:
        self.assertEqual(normalize_base_url("https://example.com/fw"), "https://example.com/fw/api/v1")
        self.assertEqual(normalize_base_url("https://example.com/fw/api/v1/"), "https://example.com/fw/api/v1")

    def test_bad_urls_are_refused(self) -> None:
        for given in ("", "   ", "example.com", "ftp://example.com", "http://", "https://user:pw@example.com", "https://e.com/?a=1", "https://e.com/#x"):
            with self.assertRaises(ValueError, msg=given):
                normalize_base_url(given)

    def test_credentials_in_the_url_do_not_appear_in_the_error(self) -> None:
        with self.assertRaises(ValueError) as caught:
            FiberWise("https://ops:hunter2@example.com", API_KEY)
        self.assertNotIn("hunter2", str(caught.exception))


class SettingsTest(unittest.TestCase):
    def test_environment_defaults(self) -> None:
        with mock.patch.dict(os.environ, {"FIBERWISE_URL": "https://fw.example.com/api/v1/", "FIBERWISE_API_KEY": API_KEY}):
            client = FiberWise()
        self.assertEqual(client.base_url, "https://fw.example.com/api/v1")
        self.assertEqual(client.timeout, 30.0)

    def test_arguments_win_over_the_environment(self) -> None:
        with mock.patch.dict(os.environ, {"FIBERWISE_URL": "https://env.example.com", "FIBERWISE_API_KEY": "env-key"}):
            client = FiberWise("https://arg.example.com", API_KEY, timeout=5, app_id="email-assistant")
        self.assertEqual(client.base_url, "https://arg.example.com/api/v1")
        self.assertEqual((client.timeout, client.app_id), (5.0, "email-assistant"))

    def test_missing_settings_say_what_to_set(self) -> None:
        with mock.patch.dict(os.environ, {}, clear=True):
            with self.assertRaisesRegex(ValueError, "FIBERWISE_URL"):
                FiberWise(api_key=API_KEY)
            with self.assertRaisesRegex(ValueError, "FIBERWISE_API_KEY"):
                FiberWise("https://fw.example.com")
            with self.assertRaisesRegex(ValueError, "FIBERWISE_API_KEY"):
                FiberWise("https://fw.example.com", "  ")

    def test_bad_timeout_and_app_id(self) -> None:
        for timeout in (0, -1, True):
            with self.assertRaises(ValueError):
                FiberWise("https://fw.example.com", API_KEY, timeout=timeout)
        with self.assertRaises(ValueError):
            FiberWise("https://fw.example.com", API_KEY, app_id="")

    def test_the_key_is_not_in_the_repr(self) -> None:
        client = FiberWise("https://fw.example.com", API_KEY, app_id="a")
        self.assertNotIn(API_KEY, repr(client))
        self.assertNotIn(API_KEY, str(client))
        self.assertNotIn(API_KEY, repr(client.authenticator("gmail", end_user_id="u_1")))
        self.assertNotIn(API_KEY, repr(vars(client)))


class ClientTestCase(unittest.TestCase):
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
        self.client = FiberWise(self.fake.url + "/", API_KEY)


class TokenTest(ClientTestCase):
    def test_token_for_an_end_user(self) -> None:
        token = self.client.get_access_token("gmail", end_user_id="u 123/é", app_id="email-assistant")
        self.assertEqual(token.access_token, ACCESS_TOKEN)
        self.assertEqual((token.token_type, token.scopes), ("Bearer", ["openid", "email"]))
        self.assertEqual(token.expires_at_datetime.year if token.expires_at_datetime else None, 2030)
        self.assertEqual(token.authorization, f"Bearer {ACCESS_TOKEN}")
        seen = self.fake.last
        self.assertEqual((seen.method, seen.path), ("GET", "/api/v1/credentials/connections/gmail/token"))
        self.assertEqual(seen.query, {"end_user_id": ["u 123/é"], "app_id": ["email-assistant"]})
        self.assertEqual(seen.headers["authorization"], f"Bearer {API_KEY}")
        self.assertEqual(seen.headers["accept"], "application/json")
        self.assertTrue(seen.headers["user-agent"].startswith("fiberwise-python/"))

    def test_member_force_refresh_and_client_app_id(self) -> None:
        client = FiberWise(self.fake.url, API_KEY, app_id="email-assistant")
        client.get_access_token("my/auth", user_id=42, force_refresh=True)
        self.assertEqual(self.fake.last.path, "/api/v1/credentials/connections/my%2Fauth/token")
        self.assertEqual(self.fake.last.query, {"user_id": ["42"], "app_id": ["email-assistant"], "force_refresh": ["true"]})
        client.get_access_token("gmail", app_id="other")
        self.assertEqual(self.fake.last.query, {"app_id": ["other"]})

    def test_the_token_is_not_in_the_repr(self) -> None:
        token = self.client.get_access_token("gmail")
        for text in (repr(token), str(token), f"{token}"):
            self.assertNotIn(ACCESS_TOKEN, text)
        self.assertIn("token_type='Bearer'", repr(token))
        self.assertIsInstance(token, AccessToken)

    def test_empty_ids_are_refused_before_any_request(self) -> None:
        for kwargs in ({"end_user_id": ""}, {"end_user_id": "  "}, {"app_id": ""}, {"user_id": 0}, {"user_id": "42"}, {"user_id": True}):
            with self.assertRaises(ValueError, msg=str(kwargs)):
                self.client.get_access_token("gmail", **kwargs)  # type: ignore[arg-type]
        with self.assertRaises(ValueError):
            self.client.get_access_token("")
        self.assertEqual(self.fake.requests, [])


class ConnectSessionAndConnectionsTest(ClientTestCase):
    def test_create_connect_session(self) -> None:
        session = self.client.create_connect_session(
            "u_123", email="ada@example.com", display_name="Ada", tags={"plan": "pro"}, allowed_authenticators=["gmail"],
            allowed_origins=["https://app.example.com"], return_to="https://app.example.com/settings", app_id="email-assistant",
        )
        self.assertIsInstance(session, ConnectSession)
        self.assertEqual(self.fake.last.json(), {
            "app_id": "email-assistant",
            "end_user": {"id": "u_123", "email": "ada@example.com", "display_name": "Ada", "tags": {"plan": "pro"}},
            "allowed_authenticators": ["gmail"], "allowed_origins": ["https://app.example.com"], "return_to": "https://app.example.com/settings",
        })
        self.assertEqual(self.fake.last.headers["content-type"], "application/json")
        self.assertTrue(session.connect_url.endswith(f"/connect/{SESSION_TOKEN}"))
        self.assertEqual((session.token, session.end_user_id, session.allowed_authenticators), (SESSION_TOKEN, "u_123", ["gmail"]))
        self.assertNotIn(SESSION_TOKEN, repr(session))

    def test_minimal_session_and_bad_lists(self) -> None:
        self.client.create_connect_session("u_1")
        self.assertEqual(self.fake.last.json(), {"end_user": {"id": "u_1"}})
        with self.assertRaises(TypeError):
            self.client.create_connect_session("u_1", allowed_origins="https://app.example.com")
        with self.assertRaises(ValueError):
            self.client.create_connect_session("")

    def test_list_connections_and_disconnect(self) -> None:
        connections = self.client.list_connections(end_user_id="u_1", app_id="email-assistant")
        self.assertEqual(self.fake.last.query, {"end_user_id": ["u_1"], "app_id": ["email-assistant"]})
        self.assertEqual([(c.authenticator_id, c.status, c.active) for c in connections], [("gmail", "active", True)])
        self.assertIsNone(self.client.disconnect("gmail", end_user_id="u_1"))
        self.assertEqual((self.fake.last.method, self.fake.last.path), ("DELETE", "/api/v1/credentials/connections/gmail"))
        self.assertEqual(self.fake.last.query, {"end_user_id": ["u_1"]})


class ProxyTest(ClientTestCase):
    def test_control_headers_params_and_json_body(self) -> None:
        response = self.client.proxy(
            "gmail", "post", "/echo/a b/ü?keep=1", params={"q": "x y", "n": 3, "on": True, "tag": ["a", "b"], "skip": None},
            json={"hello": "wörld"}, headers={"X-Trace": "t1"}, end_user_id="u_123", app_id="email-assistant", retries=2, retry_unsafe=True,
        )
        self.assertTrue(response.ok and response.proxied)
        seen = self.fake.last
        self.assertEqual((seen.method, seen.path), ("POST", "/api/v1/proxy/gmail/echo/a%20b/%C3%BC"))
        self.assertEqual(seen.query_string, "keep=1&q=x+y&n=3&on=true&tag=a&tag=b")
        self.assertEqual(json.loads(seen.body), {"hello": "wörld"})
        self.assertEqual(seen.headers["content-type"], "application/json")
        self.assertEqual(seen.headers["authorization"], f"Bearer {API_KEY}")
        self.assertEqual(seen.headers["x-trace"], "t1")
        control = {k: v for k, v in seen.headers.items() if k.startswith("fiberwise-")}
        self.assertEqual(control, {
            "fiberwise-end-user-id": "u_123", "fiberwise-app-id": "email-assistant", "fiberwise-retries": "2", "fiberwise-retry-unsafe": "true",
        })

    def test_no_control_headers_unless_asked_and_member_id(self) -> None:
        self.client.proxy("gmail", "GET", "echo")
        self.assertEqual(self.fake.last.path, "/api/v1/proxy/gmail/echo")
        self.assertEqual([k for k in self.fake.last.headers if k.startswith("fiberwise-")], [])
        self.client.proxy("gmail", "GET", "/echo", user_id=7)
        self.assertEqual(self.fake.last.headers["fiberwise-user-id"], "7")

    def test_bodies(self) -> None:
        self.client.proxy("gmail", "PUT", "/echo", data={"a": "1 2", "b": ["x", "y"]})
        self.assertEqual((self.fake.last.body, self.fake.last.headers["content-type"]), (b"a=1+2&b=x&b=y", "application/x-www-form-urlencoded"))
        self.client.proxy("gmail", "PATCH", "/echo", data=b"\x00\x01")
        self.assertEqual((self.fake.last.body, self.fake.last.headers["content-type"]), (b"\x00\x01", "application/octet-stream"))
        self.client.proxy("gmail", "POST", "/echo", data="héllo", headers={"Content-Type": "text/csv"})
        self.assertEqual((self.fake.last.body, self.fake.last.headers["content-type"]), ("héllo".encode(), "text/csv"))
        self.client.proxy("gmail", "DELETE", "/echo", json=[1, 2])
        self.assertEqual((self.fake.last.method, self.fake.last.body), ("DELETE", b"[1,2]"))
        with self.assertRaises(ValueError):
            self.client.proxy("gmail", "POST", "/echo", json={}, data="x")

    def test_arguments_that_cannot_be_sent_are_refused(self) -> None:
        cases = [
            {"method": "TRACE"}, {"headers": {"Authorization": "Bearer other"}}, {"headers": {"FiberWise-End-User-Id": "u"}},
            {"retries": 6}, {"retries": -1}, {"end_user_id": "u\r\nx-evil: 1"}, {"end_user_id": "ü"}, {"path": "/a#frag"}, {"path": "/a\nb"},
        ]
        for case in cases:
            kwargs = {"method": "GET", "path": "/echo", **case}
            with self.assertRaises((ValueError, TypeError), msg=str(case)):
                self.client.proxy("gmail", **kwargs)  # type: ignore[arg-type]
        self.assertEqual(self.fake.requests, [])

    def test_provider_statuses_are_relayed_not_raised(self) -> None:
        response = self.client.proxy("gmail", "GET", "/status/503")
        self.assertEqual((response.status, response.ok, response.json()), (503, False, {"status": 503}))
        self.assertEqual(response.header("Retry-After"), "7")
        self.assertIsNone(response.attempts)
        self.assertNotIn("503}", repr(response))

    def test_redirects_are_not_followed(self) -> None:
        self.fake.reply(302, b"", {"location": "http://127.0.0.1:1/steal", "fiberwise-proxied": "true"})
        response = self.client.proxy("gmail", "GET", "/redirect")
        self.assertEqual((response.status, response.header("location")), (302, "http://127.0.0.1:1/steal"))
        self.assertEqual(len(self.fake.requests), 1)

    def test_platform_errors_raise_with_connect_url(self) -> None:
        with self.assertRaises(FiberWiseError) as caught:
            self.client.proxy("gmail", "GET", "/echo", end_user_id="nobody")
        error = caught.exception
        self.assertEqual((error.status, error.code, error.connect_url, error.request_id), (404, "connection_not_found", "http://fake/connect/fw_cs_x", "req-404"))


class BoundClientTest(ClientTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.gmail = self.client.authenticator("gmail", end_user_id="u_123", app_id="email-assistant")

    def test_get_returns_the_json_body(self) -> None:
        self.assertIsInstance(self.gmail, AuthenticatorClient)
        messages = self.gmail.get("/gmail/v1/users/me/messages", params={"maxResults": 10})
        self.assertEqual(len(messages["messages"]), 10)
        self.assertEqual(self.fake.last.headers["fiberwise-end-user-id"], "u_123")
        self.assertEqual(self.fake.last.headers["fiberwise-app-id"], "email-assistant")

    def test_verbs(self) -> None:
        for verb in ("post", "put", "patch", "delete"):
            echo = getattr(self.gmail, verb)("/echo/x", json={"verb": verb}, params={"v": 1})
            self.assertEqual((echo["method"], echo["path"], echo["query"], json.loads(echo["body"])), (verb.upper(), "/echo/x", "v=1", {"verb": verb}))

    def test_provider_errors_raise_upstream_error_with_the_body(self) -> None:
        with self.assertRaises(FiberWiseError) as caught:
            self.gmail.get("/status/404?secret=1")
        error = caught.exception
        self.assertEqual((error.status, error.code, error.body, error.retry_after), (404, "upstream_error", b'{"status": 404}', 7.0))
        self.assertIsNotNone(error.response)
        self.assertNotIn("secret", error.message)
        response = self.gmail.request("GET", "/status/404")
        self.assertEqual(response.status, 404)

    def test_empty_and_non_json_answers(self) -> None:
        self.fake.reply(204, b"", {"fiberwise-proxied": "true"})
        self.assertIsNone(self.gmail.delete("/thing"))
        with self.assertRaises(FiberWiseError) as caught:
            self.gmail.get("/text")
        self.assertEqual((caught.exception.code, caught.exception.status), ("invalid_response", 200))
        self.assertEqual(self.gmail.request("GET", "/text").text, "plain words")

    def test_access_token(self) -> None:
        self.assertEqual(self.gmail.access_token(force_refresh=True).access_token, ACCESS_TOKEN)
        self.assertEqual(self.fake.last.query, {"end_user_id": ["u_123"], "app_id": ["email-assistant"], "force_refresh": ["true"]})


if __name__ == "__main__":
    unittest.main()
