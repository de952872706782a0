"use client";

import { Button } from "./button";

/** Ends the session and goes to the sign-in page. */
export function SignOutButton() {
  const signOut = async () => {
    await fetch("/api/session", { method: "DELETE" }).catch(() => {});
    window.location.assign("/signin");
  };
  return <Button onClick={signOut}>Sign out</Button>;
}
