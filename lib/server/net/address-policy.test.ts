import { describe, expect, it } from "vitest";
import { classifyAddress } from "./address-policy";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"], ["::1", "loopback"], ["10.1.2.3", "private"], ["172.20.0.1", "private"], ["192.168.1.1", "private"],
    ["100.64.0.1", "private"], ["fd12::1", "private"], ["169.254.169.254", "metadata"], ["169.254.170.2", "metadata"],
    ["fd00:ec2::254", "metadata"], ["169.254.1.1", "link_local"], ["fe80::1", "link_local"], ["0.0.0.0", "reserved"],
    ["::", "reserved"], ["224.0.0.1", "reserved"], ["8.8.8.8", "public"], ["2606:4700::1111", "public"],
    ["2001:4860:4860::8888", "public"],
  ])("classifies %s as %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  // An IPv6 address that carries an IPv4 one reaches that IPv4 host (through a translator, a 6to4
  // relay, or the host's own stack), so it is judged as the IPv4 address.
  it.each([
    // IPv4-mapped (::ffff:0:0/96) and IPv4-translated (::ffff:0:0:0/96), in both spellings
    ["::ffff:10.0.0.1", "private"], ["::ffff:169.254.169.254", "metadata"], ["::ffff:a9fe:a9fe", "metadata"],
    ["::ffff:7f00:1", "loopback"], ["::ffff:0:7f00:1", "loopback"], ["::ffff:0:a9fe:a9fe", "metadata"],
    // NAT64, well-known prefix 64:ff9b::/96
    ["64:ff9b::a9fe:a9fe", "metadata"], ["64:ff9b::169.254.169.254", "metadata"], ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::a00:1", "private"], ["64:ff9b::a9fe:101", "link_local"], ["64:ff9b::808:808", "public"],
    // NAT64, local-use prefix 64:ff9b:1::/48: the /96 layout is decoded, other layouts are refused
    ["64:ff9b:1::a9fe:a9fe", "metadata"], ["64:ff9b:1::c0a8:101", "private"], ["64:ff9b:1::808:808", "public"],
    ["64:ff9b:1:a9fe:a9:fe00::", "reserved"], ["64:ff9b:1:0:1::808:808", "reserved"],
    // 6to4 2002::/16: the IPv4 address is bits 16–47
    ["2002:7f00:1::", "loopback"], ["2002:a9fe:a9fe::1", "metadata"], ["2002:c0a8:101:1::1", "private"], ["2002:808:808::1", "public"],
    // IPv4-compatible ::/96 (deprecated), but :: and ::1 keep their IPv6 meaning
    ["::7f00:1", "loopback"], ["::127.0.0.1", "loopback"], ["::10.0.0.1", "private"], ["::a9fe:a9fe", "metadata"],
    ["::808:808", "public"], ["::2", "reserved"],
  ])("classifies %s, which carries an IPv4 address, as %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"], // Teredo: refused, not decoded
    ["2001::1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["3fff::1", "reserved"], // documentation (RFC 9637)
    ["100::1", "reserved"], // discard-only
    ["fec0::1", "private"], // deprecated site-local, still routed inside some networks
    ["fe80::1%eth0", "link_local"], // a zone id does not hide the range
    ["192.88.99.1", "reserved"], // 6to4 relay anycast
  ])("classifies %s as %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});
