import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "katex/dist/katex.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "LiveLab",
  description: "A live classroom for machine learning: one simulation, every screen in sync.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the server's Content-Security-Policy carries a fresh
  // nonce each time, and Next.js can put it on its inline scripts only while rendering
  // (apps/server/src/http/securityHeaders.ts). A prebuilt page's scripts would have none.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
