import type { NextConfig } from "next";

const config: NextConfig = {
  // Core is TypeScript source shared with the server: compile it as part of the app.
  transpilePackages: ["@livelab/core"],
  reactStrictMode: true,
  poweredByHeader: false,
  // The server (apps/server) hosts this app on its own port with Socket.IO beside it.
  devIndicators: false,
};

export default config;
