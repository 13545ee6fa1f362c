// fast-check arbitraries for hostile HTTP requests: path segments (including malformed %-encoding
// and raw invalid UTF-8 bytes), query strings, bodies of every shape and headers. Every value that
// names a URL points at loopback or is malformed: the platform resolves provider hosts when it
// validates them, and a fuzzer must never make it reach anything off this machine.
import fc from "fast-check";
import { HTTP_METHODS, type AppRoute, type HttpMethod, type Segment } from "./routes";

/** What the suite knows about the server it fuzzes: credentials, and ids that exist there. */
export type FuzzTarget = {
  appUrl: string;
  sessionCookie: string;
  apiKey: string;
  /** Real values by path-param / query / field name, so requests get past lookups into the handlers. */
  known: Record<string, string[]>;
  /** Values for destructive methods (DELETE), so the fuzzer does not delete what later requests need. */
  decoys: Record<string, string[]>;
  /** A loopback URL that answers (the test authorization server), for URL-valued fields. */
  loopbackUrl: string;
};

export type FuzzRequest = { kind: AppRoute["kind"]; route: string; method: HttpMethod; path: string; headers: Record<string, string>; body?: string | Buffer };

const INT_EDGES = [0, -1, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e21, 1.5, -0.5, 1e308];
const NUMBER_STRINGS = ["0", "-1", "1.5", "2147483647", "2147483648", "4294967296", "9007199254740993", "99999999999999999999", "1e309", "-1e309", "NaN", "Infinity", "0x10", "1_000", " 7 ", "+5", "00012", "1e3"];
const REDIRECTS = [
  "/", "/apps", "//evil.com", "/%2F%09%2Fevil.com", "/\t/evil.com", "/\\evil.com", "\\\\evil.com", "https://evil.com", "javascript:alert(1)",
  "/%0d%0aSet-Cookie:x=1", "/\r\nX-Injected: 1", "/signin?callbackUrl=%2F%09%2Fevil.com", "/%E0%A4%A", "http://127.0.0.1:1/",
];
const SPECIAL_STRINGS = [
  "", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "\udbff\udfff", "\ufeff", "\u202e", "null", "true", "[]", "{}", "../../etc/passwd",
  "<script>alert(1)</script>", "'; DROP TABLE users; --", "%00", "%", "\r\n", "\t", "\u0085", "\u2028", "é".normalize("NFD"), "😀",
  ...NUMBER_STRINGS, ...REDIRECTS,
];

// Field names the API's bodies use; a random object over them reaches more validation paths than random keys.
const FIELD_NAMES = [
  "name", "app_id", "description", "email", "password", "role", "scopes", "expires_in_days", "client_id", "client_secret", "authenticator_type",
  "authorize_url", "token_url", "redirect_uri", "is_active", "configuration", "issuer", "user_id", "csrfToken", "callbackUrl", "json",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));

const strangeStrings = (longest: number[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 2, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 4 }), loneSurrogate, controlChar), { maxLength: 8 }).map((parts) => parts.join("")) },
    { weight: 1, arbitrary: fc.constantFrom(...longest).map((n) => "a".repeat(n)) },
  );

/** Strings a person would not type: unicode, lone surrogates, NUL and control characters, edge cases, huge. */
export const nastyString: fc.Arbitrary<string> = strangeStrings([2_000, 70_000]);
// In URLs and headers, where past ~16 KB Node's parser answers 431 before any route is reached.
const nastyUrlString: fc.Arbitrary<string> = strangeStrings([300, 2_000]);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INT_EDGES) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);

// Built as text: a structure this deep would overflow JSON.stringify's stack on our side.
const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.constantFrom("[", '{"a":'))
  .map(([depth, open]) => `{"name":${open.repeat(depth)}1${(open === "[" ? "]" : "}").repeat(depth)}}`);

/** Any JSON value, with nasty leaves. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom(...FIELD_NAMES)), tie("value"), { maxKeys: 4 }),
  ),
})).value;


/** Bodies the routes accept, as starting points that get one or two fields replaced by something nasty. */
function exemplars(target: FuzzTarget): Array<Record<string, unknown>> {
  const appId = target.known.appId?.[0] ?? "fuzz-app";
  return [
    { name: "Fuzzed app", description: "made by the fuzzer" },
    { email: "fuzz-member@example.com", role: "member" },
    { role: "developer" },
    { name: "fuzz key", app_id: appId, scopes: ["authenticators:read"], expires_in_days: 30 },
    { email: "fuzz@example.com", password: "a perfectly long passphrase", name: "Fuzz" },
    {
      app_id: appId, name: "Fuzz custom", authenticator_type: "custom", client_id: "fuzz-client", client_secret: "fuzz-secret",
      authorize_url: `${target.loopbackUrl}/auth`, token_url: `${target.loopbackUrl}/token`, scopes: ["openid"],
      configuration: { pkce: true, authorization_params: { prompt: "consent" }, refresh_window_seconds: 60 },
    },
    { name: "Renamed", scopes: "openid email", is_active: true, configuration: { description: "x" } },
    { issuer: target.loopbackUrl },
    { app_id: appId, url: `${target.loopbackUrl}/webhooks`, events: ["connection.created", "webhook.test"], description: "fuzz hook", enabled: true },
    { url: `${target.loopbackUrl}/webhooks/2`, events: [], description: null, enabled: false },
    { event_id: `msg_${"0".repeat(32)}` },
  ];
}

function mutated(target: FuzzTarget): fc.Arbitrary<unknown> {
  const bases = exemplars(target);
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES, "configuration.connection_config"), nastyJson), { minLength: 1, maxLength: 2 }))
    .map(([base, changes]) => {
      const body: Record<string, unknown> = structuredClone(base);
      for (const [field, value] of changes) {
        if (field === "configuration.connection_config") body.configuration = { connection_config: { shop: value } };
        else body[field] = value;
      }
      return body;
    });
}

const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "application/merge-patch+json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", ""];

function bodyArb(target: FuzzTarget): fc.Arbitrary<{ contentType: string; body: string | Buffer }> {
  const json = (value: fc.Arbitrary<unknown>) => value.map((v) => JSON.stringify(v) ?? "null");
  const text = fc.oneof(
    { weight: 5, arbitrary: json(mutated(target)) },
    { weight: 3, arbitrary: json(nastyJson) },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: fc.constantFrom("", "{", "[1,]", "{\"a\":}", "\u0000", "null", "1e999", '{"__proto__":{"x":1}}', '{"name":"a","name":"b"}') },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  );
  const raw = fc.oneof(
    { weight: 8, arbitrary: text },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(1024 * 1024 + 10, 0x61)) },
  );
  // Forms, as next-auth's endpoints take them, with hostile values (callbackUrl, csrfToken, email…).
  const form = fc
    .dictionary(fc.constantFrom(...FIELD_NAMES), fc.oneof(nastyString, fc.constantFrom(...REDIRECTS)), { maxKeys: 5 })
    .map((fields) => ({ contentType: "application/x-www-form-urlencoded", body: Object.entries(fields).map(([k, v]) => `${k}=${encodeComponent(v)}`).join("&") }));
  const typed = fc.record({ contentType: fc.oneof({ weight: 6, arbitrary: fc.constant("application/json") }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }), body: raw });
  return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: form });
}

/** Percent-encode a string the way a client would, except that lone surrogates become their (invalid) WTF-8 bytes. */
export function encodeComponent(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(value[i]!);
    }
  }
  return out;
}

/** Bytes as they go on the wire: node:http sends a path in latin1, so chars 0x80–0xFF are raw (often invalid UTF-8) bytes. */
const rawBytes = fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) =>
  [...bytes].map((b) => (b <= 0x20 || b === 0x7f || "/?#%".includes(String.fromCharCode(b)) ? `%${b.toString(16).padStart(2, "0")}` : String.fromCharCode(b))).join(""),
);
const MALFORMED = ["%", "%2", "%zz", "%E0%A4%A", "%C3%28", "%ED%A0%80", "%FF", "%00", "%C0%AF", "a%", "%%", "%u0041", "%F4%90%80%80", "%0A", "%2e%2e"];

function wireValue(target: FuzzTarget, name: string, method: HttpMethod): fc.Arbitrary<string> {
  const pool = (method === "DELETE" ? target.decoys[name] : undefined) ?? target.known[name] ?? [];
  return fc.oneof(
    { weight: pool.length ? 6 : 0, arbitrary: pool.length ? fc.constantFrom(...pool).map(encodeComponent) : fc.constant("x") },
    { weight: 3, arbitrary: nastyUrlString.map(encodeComponent) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED) },
    { weight: 2, arbitrary: rawBytes },
    // A slug-shaped value (fc.stringMatching would do, but its shrink checks make sampling ~50× slower).
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), minLength: 1, maxLength: 70 }) },
  );
}

function pathArb(target: FuzzTarget, segments: Segment[], method: HttpMethod): fc.Arbitrary<string> {
  const parts = segments.map((segment) => {
    if (segment.kind === "literal") return fc.constant(segment.value);
    if (segment.kind === "param") return wireValue(target, segment.name, method);
    return fc.array(wireValue(target, segment.name, method), { minLength: segment.optional ? 0 : 1, maxLength: 3 }).map((values) => values.join("/"));
  });
  return fc.tuple(...parts).map((values) => "/" + values.filter((v) => v !== "").join("/"));
}

// Query keys every route may be sent besides its own: the platform's vocabulary and a few strangers.
const GLOBAL_KEYS = ["app_id", "user_id", "limit", "before", "days", "type", "outcome", "tab", "code", "error", "state", "callbackUrl", "return_to", "q", "tier", "include_disabled", "force_refresh", "confirm"];

function queryArb(target: FuzzTarget, route: AppRoute, method: HttpMethod): fc.Arbitrary<string> {
  const keyArb = fc.oneof(
    { weight: route.queryKeys.length ? 5 : 0, arbitrary: route.queryKeys.length ? fc.constantFrom(...route.queryKeys) : fc.constant("x") },
    { weight: 2, arbitrary: fc.constantFrom(...GLOBAL_KEYS) },
    { weight: 1, arbitrary: fc.oneof(nastyUrlString.map(encodeComponent), fc.constantFrom(...MALFORMED)) },
  );
  const pair = keyArb.chain((key) =>
    fc.oneof(
      // `confirm` never gets a known value: the fuzzer must not delete the app it fuzzes with.
      { weight: 3, arbitrary: key === "confirm" ? nastyUrlString.map(encodeComponent) : wireValue(target, key, method) },
      { weight: 2, arbitrary: fc.constantFrom(...NUMBER_STRINGS, ...REDIRECTS, "true", "false", "success", "failure", "connections", "oauth.").map(encodeComponent) },
      { weight: 1, arbitrary: fc.constantFrom(...REDIRECTS).map((r) => r.replace(/[\s]/g, (c) => encodeURIComponent(c))) },
    ).map((value) => `${encodeComponentKey(key)}=${value}`),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 6, arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }).map((pairs) => "?" + pairs.join("&")) },
    { weight: 1, arbitrary: fc.constantFrom("?", "?&&", "?=", "?a", "?a=1&a=2&a=3", "?%", "?app_id", "?app_id[]=x", "?__proto__=1") },
  );
}

const encodeComponentKey = (key: string) => (/^[A-Za-z0-9_%.-]+$/.test(key) ? key : encodeComponent(key));

type Auth = "none" | "session" | "apiKey" | "junk";

function headersArb(target: FuzzTarget, auth: Auth): fc.Arbitrary<Record<string, string>> {
  const origin = new URL(target.appUrl);
  const junkAuthorization = fc.constantFrom(
    "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer fw_live_", "Bearer fw_live_not-a-real-key", `Bearer ${target.apiKey} extra`,
    `bearer ${target.apiKey.toUpperCase()}`, "Bearer \u00ff\u00fe", "Token abc", `Bearer ${"a".repeat(5000)}`, "Bearer fw_test_x",
  );
  const junkCookie = fc.constantFrom(
    "next-auth.session-token=garbage", "next-auth.session-token=", "a=b; ; ;=; c", "fw_oauth_binding=%E0%A4%A", `${target.sessionCookie}; next-auth.session-token=junk`,
    "next-auth.session-token.0=x; next-auth.session-token.1=y", "\u00ff=\u00fe", `next-auth.csrf-token=${"x".repeat(4000)}`,
    "next-auth.callback-url=garbage", "next-auth.callback-url=%2F%09%2Fevil.com", "next-auth.callback-url=%E0%A4%A", "next-auth.csrf-token=a%7Cb",
  );
  const originArb = fc.constantFrom(
    origin.origin, origin.origin, origin.origin, "https://evil.example", "null", `http://localhost:${origin.port}`, `${origin.protocol}//${origin.host}.evil.example`,
  );
  return fc
    .record(
      {
        authorization: auth === "apiKey" ? fc.constant(`Bearer ${target.apiKey}`) : junkAuthorization,
        cookie: auth === "session" ? fc.oneof({ weight: 6, arbitrary: fc.constant(target.sessionCookie) }, { weight: 1, arbitrary: junkCookie }) : junkCookie,
        origin: originArb,
        "x-forwarded-host": fc.constantFrom("evil.example", origin.host),
        accept: fc.constantFrom("application/json", "text/html", "*/*", "text/x-component", "\u00ff"),
        "x-request-id": fc.oneof(fc.uuid(), fc.constantFrom("abc", "a".repeat(300), "\u00ff\u00fe", "x y")),
        // Rare: Next answers a bare RSC request with a 307 to a cache-busting URL, which reaches no handler.
        rsc: fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant("1") }),
      },
      { requiredKeys: auth === "session" ? ["cookie", "origin"] : auth === "apiKey" ? ["authorization"] : [] },
    )
    .map((headers) => {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
      if (auth === "none") delete out.authorization;
      return out;
    });
}

const randomClientIp = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`);
const WRITE_METHODS = new Set<HttpMethod>(["POST", "PUT", "PATCH", "DELETE"]);

/** One request to one of the app's routes, authenticated (session or API key) for a good share of them. */
export function requestArb(target: FuzzTarget, routes: AppRoute[]): fc.Arbitrary<FuzzRequest> {
  const pairs = routes.flatMap((route) => route.methods.map((method) => ({ route, method })));
  // One request in twenty uses a method the route does not answer (405 in the envelope; OPTIONS 204).
  const refused = routes
    .filter((route) => route.kind === "api")
    .flatMap((route) => HTTP_METHODS.filter((method) => method !== "HEAD" && !route.methods.includes(method)).map((method) => ({ route, method })));
  const pair = refused.length
    ? fc.oneof({ arbitrary: fc.constantFrom(...pairs), weight: 19 }, { arbitrary: fc.constantFrom(...refused), weight: 1 })
    : fc.constantFrom(...pairs);
  return pair.chain(({ route, method }) => {
    const auth: fc.Arbitrary<Auth> =
      route.kind === "page"
        ? fc.constantFrom<Auth>("session", "session", "session", "none", "junk")
        : fc.constantFrom<Auth>("session", "session", "apiKey", "apiKey", "apiKey", "none", "junk");
    const hasBody = WRITE_METHODS.has(method);
    return auth.chain((mode) =>
      fc
        .record({
          path: pathArb(target, route.segments, method),
          query: queryArb(target, route, method),
          headers: headersArb(target, mode),
          body: hasBody ? fc.option(bodyArb(target), { freq: 8 }) : fc.constant(null),
          ip: randomClientIp,
        })
        .map(({ path, query, headers, body, ip }): FuzzRequest => {
          // A random client address per request, so the fuzzer does not exhaust per-IP rate limits for the specs after it.
          const all = { ...headers, "x-forwarded-for": ip, ...(body?.contentType ? { "content-type": body.contentType } : {}) };
          return { kind: route.kind, route: route.pattern, method, path: path + query, headers: all, ...(body ? { body: body.body } : {}) };
        }),
    );
  });
}
