import "server-only";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { isProduction } from "../env";

/**
 * Which network addresses the server may send requests (and client secrets) to. Provider URLs are
 * developer input and the server POSTs secrets to them, so internal addresses are refused:
 * private ranges, link-local, cloud metadata endpoints and the like. Loopback is refused too unless
 * OAUTH_ALLOW_LOOPBACK_PROVIDERS is on (default in development), for local authorization servers.
 */

export type AddressClass = "public" | "loopback" | "private" | "link_local" | "metadata" | "reserved";

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];
const cidrs = (...list: string[]): Cidr[] => list.map((cidr) => ipaddr.parseCIDR(cidr));

// First match wins, so the specific metadata addresses come before the ranges that hold them.
const RANGES: Record<Exclude<AddressClass, "public">, Cidr[]> = {
  metadata: cidrs(
    "169.254.169.254/32", // AWS, GCP, Azure, OpenStack
    "169.254.170.2/32", // AWS ECS task metadata
    "100.100.100.200/32", // Alibaba Cloud
    "fd00:ec2::254/128", // AWS IMDS over IPv6
  ),
  loopback: cidrs("127.0.0.0/8", "::1/128"),
  link_local: cidrs("169.254.0.0/16", "fe80::/10"),
  private: cidrs(
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
    "100.64.0.0/10", // carrier-grade NAT
    "fc00::/7", // unique local
    "fec0::/10", // site-local: deprecated, still routed inside some networks
  ),
  reserved: cidrs(
    "0.0.0.0/8", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
    "224.0.0.0/4", "240.0.0.0/4",
    "::/128", "100::/64", "2001:db8::/32", "3fff::/20", "ff00::/8",
    // IETF protocol assignments, Teredo (2001::/32) among them. A Teredo address is refused, not
    // decoded: its packets go through a relay to an obfuscated client address, not to the server
    // address it spells, and no provider is reached over Teredo any more.
    "2001::/23",
    // Local-use NAT64 outside the /96 layout decoded below: where the IPv4 address sits depends on
    // the prefix length the operator chose (RFC 6052 §2.2), which this server cannot know.
    "64:ff9b:1::/48",
  ),
};

// IPv6 addresses that deliver to an IPv4 host (a NAT64 translator, a 6to4 relay, the host's own
// dual stack) are judged as that IPv4 address: 64:ff9b::a9fe:a9fe is the metadata service.
const CARRIERS: Array<{ prefix: Cidr; at: number }> = [
  { prefix: ipaddr.parseCIDR("::ffff:0:0/96"), at: 12 }, // IPv4-mapped
  { prefix: ipaddr.parseCIDR("::ffff:0:0:0/96"), at: 12 }, // IPv4-translated (RFC 6145)
  { prefix: ipaddr.parseCIDR("64:ff9b::/96"), at: 12 }, // NAT64 well-known prefix (RFC 6052)
  { prefix: ipaddr.parseCIDR("64:ff9b:1::/96"), at: 12 }, // NAT64 local-use prefix, /96 layout (RFC 8215)
  { prefix: ipaddr.parseCIDR("2002::/16"), at: 2 }, // 6to4: bits 16–47 (RFC 3056)
  { prefix: ipaddr.parseCIDR("::/96"), at: 12 }, // IPv4-compatible (deprecated); :: and ::1 excepted below
];

function carriedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = ip.toByteArray();
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15]! <= 1) return null; // :: and ::1
  const carrier = CARRIERS.find(({ prefix }) => ip.match(prefix));
  return carrier ? new ipaddr.IPv4(bytes.slice(carrier.at, carrier.at + 4)) : null;
}

/** Classify an IP address. An IPv6 address that carries an IPv4 one is classified as that IPv4. */
export function classifyAddress(address: string): AddressClass {
  const unzoned = address.replace(/%.*$/, ""); // fe80::1%eth0 is still link-local
  if (!ipaddr.isValid(unzoned)) return "reserved";
  const ip = ipaddr.parse(unzoned);
  const judged = ip.kind() === "ipv6" ? (carriedIPv4(ip as ipaddr.IPv6) ?? ip) : ip;
  return ipaddr.subnetMatch(judged, RANGES, "public") as AddressClass;
}

export function loopbackProvidersAllowed(): boolean {
  const setting = process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS?.trim().toLowerCase();
  if (setting === "true" || setting === "1") return true;
  if (setting === "false" || setting === "0") return false;
  return !isProduction();
}

const WHY: Record<Exclude<AddressClass, "public">, string> = {
  loopback: "a loopback address (set OAUTH_ALLOW_LOOPBACK_PROVIDERS=true for a local authorization server)",
  private: "a private network address",
  link_local: "a link-local address",
  metadata: "a cloud metadata address",
  reserved: "a reserved or unspecified address",
};

/** Null when the address may be contacted, else the reason it may not. */
export function refusalFor(address: string): string | null {
  const kind = classifyAddress(address);
  if (kind === "public") return null;
  if (kind === "loopback" && loopbackProvidersAllowed()) return null;
  return WHY[kind];
}

const METADATA_HOSTNAMES = new Set(["metadata.google.internal", "metadata", "instance-data", "metadata.azure.internal"]);
const LOOPBACK_NAMES = new Set(["localhost", "localhost.localdomain"]);

/**
 * A URL's hostname as the policy compares it: no brackets, lower case, no trailing dots. A trailing
 * dot only marks a name as fully qualified, so "localhost." and "metadata.google.internal.." are
 * the names without it. (The URL parser has already turned every IPv4 spelling into dotted decimal.)
 */
export function policyHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, "").toLowerCase().replace(/\.+$/, "");
}

export function isMetadataName(host: string): boolean {
  return METADATA_HOSTNAMES.has(host);
}

export function isLoopbackName(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.endsWith(".localhost");
}

/** A loopback name or a literal loopback address (as policyHost gives it): where http may be allowed. */
export function isLoopbackHost(host: string): boolean {
  return isLoopbackName(host) || (isIP(host) !== 0 && classifyAddress(host) === "loopback");
}

/**
 * Null when a host (as policyHost gives it) may be contacted as far as its name or literal address
 * tells, else the reason it may not. Names that pass are checked again once resolved.
 */
export function hostRefusal(host: string): string | null {
  if (!host) return "an empty host name";
  if (isMetadataName(host)) return WHY.metadata;
  if (isLoopbackName(host)) return loopbackProvidersAllowed() ? null : WHY.loopback;
  if (isIP(host)) return refusalFor(host);
  return null;
}
