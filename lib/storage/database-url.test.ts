import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "../env.ts";
import { databaseTarget, databaseUrlProblem } from "./database-url.ts";

describe("DATABASE_URL", () => {
  it("names a SQLite file with file:, resolved to an absolute path", () => {
    expect(databaseTarget("file:./tmp/x.db")).toEqual({ kind: "sqlite", file: path.resolve("tmp/x.db") });
    expect(databaseUrlProblem("file:/var/lib/hookscope.db")).toBeNull();
  });

  it.each(["postgres://hookscope:s3cret@db:5432/hookscope", "postgresql://db/hookscope", "POSTGRES://db/x"])(
    "names PostgreSQL with %s",
    (url) => {
      expect(databaseUrlProblem(url)).toBeNull();
      expect(databaseTarget(url)).toEqual({ kind: "postgres", url });
      const env = loadEnv({ DATABASE_URL: url });
      expect(env.databaseFile).toBeNull();
    },
  );

  it.each(["mysql://db/x", "./data/hookscope.db", "file:", "postgres:db"])(
    "refuses %s, naming both kinds of URL",
    (url) => {
      expect(databaseUrlProblem(url)).toContain('must be a SQLite URL such as "file:./data/hookscope.db"');
      expect(databaseUrlProblem(url)).toContain("or a PostgreSQL URL such as");
      expect(() => databaseTarget(url)).toThrow("DATABASE_URL");
      expect(() => loadEnv({ DATABASE_URL: url })).toThrow(EnvError);
    },
  );
});
