import "server-only";
import pino from "pino";

// One logger for the server, the worker and the scripts. Redaction is a second line of defence:
// secrets should never be handed to the logger in the first place.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "fiberwise" },
  redact: {
    paths: [
      "*.client_secret",
      "*.clientSecret",
      "*.access_token",
      "*.accessToken",
      "*.refresh_token",
      "*.refreshToken",
      "*.id_token",
      "*.password",
      "*.authorization",
      "*.apiKey",
      "*.api_key",
      "req.headers.authorization",
      "req.headers.cookie",
    ],
    censor: "[redacted]",
  },
});
