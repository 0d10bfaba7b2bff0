import type { NextConfig } from "next";

const config: NextConfig = {
  // Core is TypeScript source shared with the server: compile it as part of the app.
  transpilePackages: ["@livelab/core"],
  reactStrictMode: true,
  poweredByHeader: false,
  // The server (apps/server) hosts this app on its own port with Socket.IO beside it.
  devIndicators: false,
  // Put <title> and metadata in <head> for every browser (Next streams it into <body> for
  // non-bot user agents by default, which screen readers and axe see as a missing title).
  htmlLimitedBots: /.*/,
};

export default config;
