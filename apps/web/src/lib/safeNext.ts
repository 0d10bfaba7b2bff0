/**
 * Where to go after signing in: a path on this site, never another origin. `next` comes from
 * the address bar, so it is parsed as a URL against this page's origin, the way the browser
 * will read it, and only a result on the same origin is kept. Prefix checks are not enough:
 * browsers drop tabs and newlines inside URLs, so "/\t/evil.example" is "//evil.example", a
 * link to another host (issue 12 (7)).
 */
export function safeNext(raw: string | null, origin: string, fallback = "/teach"): string {
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin || (url.protocol !== "http:" && url.protocol !== "https:")) return fallback;
  return url.pathname + url.search + url.hash;
}
