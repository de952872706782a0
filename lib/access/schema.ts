// Input and answer of the session API (/api/session), shared by the route handler and the API document.
import { z } from "zod";

/** POST /api/session: one of ACCESS_KEYS. */
export const signInSchema = z.object({ key: z.string().min(1).max(1024) });

/** GET /api/session: whether the caller is signed in, and the instance's access mode. */
export const sessionStateSchema = z.strictObject({
  signedIn: z.boolean(),
  mode: z.enum(["open", "restricted", "private"]),
});
