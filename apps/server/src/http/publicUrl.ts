import { networkInterfaces } from "node:os";

/**
 * The URL phones should use: PUBLIC_URL if set, otherwise this machine's LAN address (never
 * localhost when a LAN address exists — a phone cannot reach the teacher's localhost).
 */
export function publicUrl(configured: string | undefined, port: number): string {
  if (configured) return configured.replace(/\/+$/, "");
  const lan = lanAddress();
  return `http://${lan ?? "localhost"}:${port}`;
}

export function lanAddress(): string | null {
  const candidates: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) candidates.push(a.address);
  }
  // Prefer private ranges (what a classroom network uses) over anything else.
  const priv = candidates.find((a) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a));
  return priv ?? candidates[0] ?? null;
}
