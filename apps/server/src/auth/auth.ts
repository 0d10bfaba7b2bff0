import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";

/** Sign-in sessions last a week of inactivity; each day of use extends them. */
export const SIGN_IN_TTL_SECONDS = 7 * 24 * 60 * 60;
const REFRESH_AFTER_SECONDS = 24 * 60 * 60;

/**
 * The header through which the server hands Better Auth the client's address (set on every
 * /api/auth request from the socket, or a trusted proxy's X-Forwarded-For; a client's own
 * value is overwritten). Better Auth would otherwise believe any X-Forwarded-For.
 */
export const CLIENT_ADDRESS_HEADER = "x-livelab-client-address";

export interface AuthOptions {
  prisma: PrismaClient;
  /** Signs cookies; at least 32 characters. Persisted by the caller so sign-ins survive restarts. */
  secret: string;
  /** The public URL phones and teachers use, when one is configured (PUBLIC_URL). */
  publicUrl?: string;
  /** Better Auth's per-IP limiter on sign-in / sign-up; on outside tests. */
  rateLimit?: boolean;
  log?: Logger;
}

/**
 * Teacher accounts: Better Auth with its Prisma adapter, in the server process (the only one
 * that opens the database). Email + password; passwords are hashed by Better Auth's scrypt
 * (memory-hard), cookies are signed with `secret`, sessions expire (SIGN_IN_TTL_SECONDS).
 * Model names point at LiveLab's own tables (prisma/schema.prisma: User, AuthSession, ...).
 */
export function createAuth(o: AuthOptions) {
  return betterAuth({
    appName: "LiveLab",
    secret: o.secret,
    basePath: "/api/auth",
    // No fixed baseURL: LiveLab runs on a laptop reached as localhost, a LAN address or a public
    // URL, so Better Auth takes it from each request; origins are checked in trustedOrigins.
    database: prismaAdapter(o.prisma, { provider: "postgresql" }),
    user: { modelName: "user" },
    session: { modelName: "authSession", expiresIn: SIGN_IN_TTL_SECONDS, updateAge: REFRESH_AFTER_SECONDS },
    account: { modelName: "authAccount" },
    verification: { modelName: "authVerification" },
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    // A state-changing request must come from a page served by this server (its own origin)
    // or from the configured public URL: a cross-site form cannot sign a teacher in or out.
    trustedOrigins: (request) => {
      const out: string[] = [];
      if (o.publicUrl) out.push(new URL(o.publicUrl).origin);
      const host = request?.headers.get("host");
      if (host) out.push(`http://${host}`, `https://${host}`);
      return out;
    },
    // Better Auth turns its origin check off when NODE_ENV=test; LiveLab's tests prove it works.
    // Cookies are marked Secure per request, when served over https (http/secureCookies.ts).
    advanced: { disableOriginCheck: false, useSecureCookies: false, ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } },
    rateLimit: {
      enabled: o.rateLimit ?? false,
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/sign-up/email": { window: 60, max: 5 },
      },
    },
    telemetry: { enabled: false },
    logger: {
      log(level, message, ...args) {
        // The base URL is deliberately per request (see above); Better Auth warns about that.
        if (message.includes("Base URL is not set")) return;
        o.log?.[level]({ args }, `auth: ${message}`);
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
