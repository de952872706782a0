import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "../env.ts";
import { databaseTarget, databaseUrlProblem, parseDatabaseUrl } from "./database-url.ts";

describe("DATABASE_URL", () => {
  it("names a SQLite file with file:, resolved to an absolute path", () => {
    expect(parseDatabaseUrl("file:./tmp/x.db")).toEqual({ kind: "sqlite", file: path.resolve("tmp/x.db") });
    expect(databaseUrlProblem("file:/var/lib/hookscope.db")).toBeNull();
  });

  it.each(["postgres://hookscope:s3cret@db:5432/hookscope", "postgresql://db/hookscope", "POSTGRES://db/x"])(
    "refuses %s at start-up, saying PostgreSQL is not available yet and never repeating the URL",
    (url) => {
      const problem = databaseUrlProblem(url);
      expect(problem).toContain("PostgreSQL is not available yet");
      expect(problem).not.toContain("s3cret");
      expect(() => parseDatabaseUrl(url)).toThrow("PostgreSQL is not available yet");
      let err: unknown;
      try {
        loadEnv({ DATABASE_URL: url });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EnvError);
      expect((err as EnvError).message).toContain("DATABASE_URL");
      expect((err as EnvError).message).toContain("PostgreSQL is not available yet");
      expect((err as EnvError).message).not.toContain("s3cret");
    },
  );

  it("names PostgreSQL storage with postgres:// or postgresql://, and SQLite with file:", () => {
    for (const url of ["postgres://u:p@db:5432/h", "postgresql://db/h", "POSTGRES://db/x"]) {
      expect(databaseTarget(url)).toEqual({ kind: "postgres", url });
    }
    expect(databaseTarget("file:./tmp/x.db")).toEqual({ kind: "sqlite", file: path.resolve("tmp/x.db") });
    expect(() => databaseTarget("mysql://db/x")).toThrow("must be a SQLite URL");
  });

  it.each(["mysql://db/x", "./data/hookscope.db", "file:"])("refuses %s as not a SQLite URL", (url) => {
    expect(databaseUrlProblem(url)).toContain('must be a SQLite URL such as "file:./data/hookscope.db"');
  });
});
