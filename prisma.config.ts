// Prisma CLI configuration. The CLI is only used for `prisma generate` (the client is
// generated at `npm install`, see scripts/prisma-generate.mjs); migrations are applied by
// the server itself (apps/server/src/db/migrate.ts), the same way on PGlite and Postgres.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
