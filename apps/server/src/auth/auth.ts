import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { ownOrigins } from "../http/origin.ts";
import { SignInLimits } from "./signInLimits.ts";
import { signupRefusal, type SignupPolicy } from "./signupPolicy.ts";

/**
 * The request header the server puts the client's address in before Better Auth sees a request
 * (app.ts, from http/proxyTrust.ts clientAddress(): the peer, or a TRUST_PROXY proxy's
 * X-Forwarded-For); whatever a client sent under that name is overwritten. Better Auth's limiter
 * and the sign-in limits read it, never a client's X-Forwarded-For (issue 12 (2), (3)).
 */
export const CLIENT_ADDRESS_HEADER = "x-livelab-client-address";

/** Better Auth's per-address limits: every attempt counts, right or wrong (docs/SECURITY.md). */
export const AUTH_RATE_LIMITS = {
  signInPerMinute: 30,
  signUpPerMinute: 5,
  otherPerMinute: 100,
};

/** Sign-in sessions last a week of inactivity; each day of use extends them. */
export const SIGN_IN_TTL_SECONDS = 7 * 24 * 60 * 60;
const REFRESH_AFTER_SECONDS = 24 * 60 * 60;

export interface AuthOptions {
  prisma: PrismaClient;
  /** Signs cookies; at least 32 characters. Persisted by the caller so sign-ins survive restarts. */
  secret: string;
  /** The public URL phones and teachers use, when one is configured (PUBLIC_URL). */
  publicUrl?: string;
  /** Better Auth's per-address limiter on sign-in / sign-up; on outside tests. */
  rateLimit?: boolean;
  /** Limits on wrong passwords per account (always on; tests get their own instance). */
  signInLimits?: SignInLimits;
  /** Who may create an account (TEACHER_SIGNUP); default open. */
  signup?: SignupPolicy;
  log?: Logger;
}

/**
 * Teacher accounts: Better Auth with its Prisma adapter, in the server process (the only one
 * that opens the database). Email + password; passwords are hashed by Better Auth's scrypt
 * (memory-hard), cookies are signed with `secret`, sessions expire (SIGN_IN_TTL_SECONDS).
 * Model names point at LiveLab's own tables (prisma/schema.prisma: User, AuthSession, ...).
 */
export function createAuth(o: AuthOptions) {
  const limits = o.signInLimits ?? new SignInLimits();
  const signup = o.signup ?? { kind: "open" };
  const addressOf = (headers: Headers | undefined) => headers?.get(CLIENT_ADDRESS_HEADER) ?? "server";
  const emailOf = (body: unknown) => String((body as { email?: unknown } | undefined)?.email ?? "");
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
    trustedOrigins: (request) => ownOrigins(request?.headers.get("host"), o.publicUrl),
    advanced: {
      // Better Auth turns its origin check off when NODE_ENV=test; LiveLab's tests prove it works.
      disableOriginCheck: false,
      // The client's address as the server saw it, never a header the client chose.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      // Cookies are marked Secure per request, when served over https (http/secureCookies.ts).
      useSecureCookies: false,
    },
    rateLimit: {
      enabled: o.rateLimit ?? false,
      window: 60,
      max: AUTH_RATE_LIMITS.otherPerMinute,
      customRules: {
        "/sign-in/email": { window: 60, max: AUTH_RATE_LIMITS.signInPerMinute },
        "/sign-up/email": { window: 60, max: AUTH_RATE_LIMITS.signUpPerMinute },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email") {
          const refusal = limits.begin(emailOf(ctx.body), addressOf(ctx.headers));
          if (refusal) throw new APIError("TOO_MANY_REQUESTS", { message: refusal });
        } else if (ctx.path === "/sign-up/email") {
          const refusal = signupRefusal(signup, emailOf(ctx.body));
          if (refusal) throw new APIError("FORBIDDEN", { message: refusal });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const returned = ctx.context.returned;
        const outcome = !(returned instanceof APIError) ? "signed-in" : returned.statusCode === 401 ? "wrong-password" : "other";
        // A refusal by the before-hook itself (429) counted nothing.
        if (returned instanceof APIError && returned.statusCode === 429) return;
        limits.settled(emailOf(ctx.body), addressOf(ctx.headers), outcome);
      }),
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
