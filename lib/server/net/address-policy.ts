import { BlockList, isIP } from "node:net";
import { isProduction } from "../env";

/**
 * Which network addresses the server may send requests (and client secrets) to. Provider URLs are
 * developer input and the server POSTs secrets to them, so internal addresses are refused:
 * private ranges, link-local, cloud metadata endpoints and the like. Loopback is refused too unless
 * OAUTH_ALLOW_LOOPBACK_PROVIDERS is on (default in development), for local authorization servers.
 */

export type AddressClass = "public" | "loopback" | "private" | "link_local" | "metadata" | "reserved";

const metadata = new BlockList();
metadata.addAddress("169.254.169.254"); // AWS, GCP, Azure, OpenStack
metadata.addAddress("169.254.170.2"); // AWS ECS task metadata
metadata.addAddress("100.100.100.200"); // Alibaba Cloud
metadata.addAddress("fd00:ec2::254", "ipv6"); // AWS IMDS over IPv6

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8);
loopback.addAddress("::1", "ipv6");

const linkLocal = new BlockList();
linkLocal.addSubnet("169.254.0.0", 16);
linkLocal.addSubnet("fe80::", 10, "ipv6");

const privateNets = new BlockList();
privateNets.addSubnet("10.0.0.0", 8);
privateNets.addSubnet("172.16.0.0", 12);
privateNets.addSubnet("192.168.0.0", 16);
privateNets.addSubnet("100.64.0.0", 10); // carrier-grade NAT
privateNets.addSubnet("fc00::", 7, "ipv6"); // unique local

const reserved = new BlockList();
reserved.addSubnet("0.0.0.0", 8);
reserved.addSubnet("192.0.0.0", 24);
reserved.addSubnet("192.0.2.0", 24);
reserved.addSubnet("198.18.0.0", 15);
reserved.addSubnet("198.51.100.0", 24);
reserved.addSubnet("203.0.113.0", 24);
reserved.addSubnet("224.0.0.0", 4); // multicast
reserved.addSubnet("240.0.0.0", 4);
reserved.addAddress("::", "ipv6");
reserved.addSubnet("ff00::", 8, "ipv6");
reserved.addSubnet("2001:db8::", 32, "ipv6");

/** Classify an IP address; IPv4-mapped IPv6 (::ffff:10.0.0.1) is classified as the IPv4 it carries. */
export function classifyAddress(address: string): AddressClass {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (metadata.check(ip, family)) return "metadata";
  if (loopback.check(ip, family)) return "loopback";
  if (linkLocal.check(ip, family)) return "link_local";
  if (privateNets.check(ip, family)) return "private";
  if (reserved.check(ip, family)) return "reserved";
  return "public";
}

export function loopbackProvidersAllowed(): boolean {
  const setting = process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS?.trim().toLowerCase();
  if (setting === "true" || setting === "1") return true;
  if (setting === "false" || setting === "0") return false;
  return !isProduction();
}

/** Null when the address may be contacted, else the reason it may not. */
export function refusalFor(address: string): string | null {
  const kind = classifyAddress(address);
  if (kind === "public") return null;
  if (kind === "loopback" && loopbackProvidersAllowed()) return null;
  const why: Record<Exclude<AddressClass, "public">, string> = {
    loopback: "a loopback address (set OAUTH_ALLOW_LOOPBACK_PROVIDERS=true for a local authorization server)",
    private: "a private network address",
    link_local: "a link-local address",
    metadata: "a cloud metadata address",
    reserved: "a reserved or unspecified address",
  };
  return why[kind];
}

export const METADATA_HOSTNAMES = new Set(["metadata.google.internal", "metadata", "instance-data", "metadata.azure.internal"]);
