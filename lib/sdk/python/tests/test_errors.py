"""Unit tests of error mapping: the envelope, other bodies, network failures, and no secret in any message."""

from __future__ import annotations

import pickle
import socket
import threading
import unittest

from fake_platform import ACCESS_TOKEN, API_KEY, FakePlatform, envelope

from fiberwise import FiberWise, FiberWiseError
from fiberwise._http import parse_retry_after


class ErrorMappingTest(unittest.TestCase):
    fake: FakePlatform

    @classmethod
    def setUpClass(cls) -> None:
        cls.fake = FakePlatform().start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.fake.stop()

    def setUp(self) -> None:
        self.fake.queued.clear()
        self.client = FiberWise(self.fake.url, API_KEY)

    def raised(self) -> FiberWiseError:
        with self.assertRaises(FiberWiseError) as caught:
            self.client.get_access_token("gmail", end_user_id="u_1")
        self.assert_no_secret(caught.exception)
        return caught.exception

    def assert_no_secret(self, error: FiberWiseError) -> None:
        for text in (str(error), repr(error), error.message, *map(str, error.args)):
            self.assertNotIn(API_KEY, text)
            self.assertNotIn(ACCESS_TOKEN, text)

    def test_the_envelope(self) -> None:
        self.fake.reply(409, envelope("reauthorization_required", "The user must reconnect", connect_url="https://fw/connect/x", request_id="r-1"))
        error = self.raised()
        self.assertEqual((error.status, error.code, error.message), (409, "reauthorization_required", "The user must reconnect"))
        self.assertEqual((error.connect_url, error.request_id), ("https://fw/connect/x", "r-1"))
        self.assertEqual(str(error), "reauthorization_required (HTTP 409): The user must reconnect [request_id r-1]")

    def test_details_and_the_request_id_header(self) -> None:
        details = [{"path": "query.user_id", "message": "Expected a number", "code": "invalid_type"}]
        self.fake.reply(422, envelope("validation_error", "The request is invalid", details=details), {"x-request-id": "hdr-1"})
        error = self.raised()
        self.assertEqual((error.code, error.details, error.request_id, error.connect_url), ("validation_error", details, "hdr-1", None))

    def test_retry_after(self) -> None:
        self.fake.reply(503, envelope("provider_unavailable", "The provider is not answering"), {"retry-after": "30"})
        error = self.raised()
        self.assertEqual((error.status, error.code, error.retry_after), (503, "provider_unavailable", 30.0))
        self.assertEqual(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), 0.0)
        self.assertIsNone(parse_retry_after("soon"))

    def test_a_body_that_is_not_the_envelope(self) -> None:
        self.fake.reply(502, "<html><body><h1>502 Bad Gateway</h1>\n\n<p>nginx</p></body></html>", {"content-type": "text/html"})
        error = self.raised()
        self.assertEqual((error.status, error.code), (502, "http_error"))
        self.assertIn("HTTP 502 (text/html)", error.message)
        self.assertIn("502 Bad Gateway", error.message)
        self.assertNotIn("\n", error.message)

    def test_json_without_the_envelope_and_an_empty_body(self) -> None:
        self.fake.reply(500, {"message": "oops"})
        self.assertEqual(self.raised().code, "http_error")
        self.fake.reply(500, b"")
        error = self.raised()
        self.assertEqual((error.status, error.code), (500, "http_error"))

    def test_a_secret_echoed_by_a_broken_server_is_scrubbed(self) -> None:
        self.fake.reply(500, f"debug: authorization=Bearer {API_KEY}")
        self.assertIn("[redacted]", self.raised().message)
        self.fake.reply(400, envelope("bad", f"key {API_KEY} refused"))
        self.assertIn("[redacted]", self.raised().message)

    def test_a_2xx_that_is_not_json(self) -> None:
        self.fake.reply(200, "not json", {"content-type": "text/plain"})
        error = self.raised()
        self.assertEqual((error.status, error.code), (200, "invalid_response"))

    def test_the_error_pickles(self) -> None:
        self.fake.reply(404, envelope("connection_not_found", "No connection", connect_url="https://fw/c"))
        error = pickle.loads(pickle.dumps(self.raised()))
        self.assertEqual((error.status, error.code, error.message, error.connect_url), (404, "connection_not_found", "No connection", "https://fw/c"))


class NetworkErrorTest(unittest.TestCase):
    def test_connection_refused(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        client = FiberWise(f"http://127.0.0.1:{port}", API_KEY)
        with self.assertRaises(FiberWiseError) as caught:
            client.get_access_token("gmail")
        error = caught.exception
        self.assertEqual((error.status, error.code), (0, "network_error"))
        self.assertIn(f"127.0.0.1:{port}", error.message)
        self.assertNotIn(API_KEY, str(error) + repr(error))
        self.assertIsNone(error.__cause__)

    def test_timeout(self) -> None:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        accepted: list[socket.socket] = []
        thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
        thread.start()
        try:
            client = FiberWise(f"http://127.0.0.1:{listener.getsockname()[1]}", API_KEY, timeout=0.3)
            with self.assertRaises(FiberWiseError) as caught:
                client.proxy("gmail", "GET", "/slow")
            self.assertEqual((caught.exception.status, caught.exception.code), (0, "network_error"))
            self.assertIn("no answer within 0.3 s", caught.exception.message)
        finally:
            thread.join(2)
            for connection in accepted:
                connection.close()
            listener.close()

    def test_a_connection_closed_mid_answer(self) -> None:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)

        def half_answer() -> None:
            connection, _ = listener.accept()
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"a\"")
            connection.close()

        thread = threading.Thread(target=half_answer, daemon=True)
        thread.start()
        try:
            client = FiberWise(f"http://127.0.0.1:{listener.getsockname()[1]}", API_KEY)
            with self.assertRaises(FiberWiseError) as caught:
                client.get_access_token("gmail")
            self.assertEqual(caught.exception.code, "network_error")
        finally:
            thread.join(2)
            listener.close()


if __name__ == "__main__":
    unittest.main()
