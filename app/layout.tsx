import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    template: "%s · FiberWise",
    default: "FiberWise",
  },
  description:
    "Register OAuth authenticators, connect your users' accounts and keep their tokens encrypted and fresh.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
