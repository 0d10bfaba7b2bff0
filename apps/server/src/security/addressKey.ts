import { isIPv4, isIPv6 } from "node:net";

// Who a client is on the network (the peer, or a TRUST_PROXY proxy's X-Forwarded-For) is decided
// once, by http/proxyTrust.ts clientAddress(); the limits count it under addressKey().

/**
 * The key a limit counts an address under. IPv4 (also when written IPv4-mapped, ::ffff:a.b.c.d)
 * is itself; IPv6 is its /64 network, because one device or home is given a whole /64 and
 * could otherwise step through 2^64 addresses to escape a per-address limit.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

/** "2001:DB8::1" → ["2001", "db8", "0", "0", "0", "0", "0", "1"] (hex, lower case, no leading zeros). */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split("%")[0].split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((g) => (parseInt(g, 16) || 0).toString(16));
}
