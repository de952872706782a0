import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env.ts";

function envError(source: Record<string, string>): EnvError {
  try {
    loadEnv(source);
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new Error(`loadEnv accepted ${JSON.stringify(source)}`);
}

describe("loadEnv defaults", () => {
  it("gives the documented defaults when nothing is set", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      MAX_BODY_BYTES: 10_485_760,
      MAX_REQUESTS_PER_BIN: 1000,
      RETENTION_DAYS: 7,
      TRUST_PROXY: false,
      RESEND_ALLOW_PRIVATE: true,
      RESEND_TIMEOUT_MS: 10_000,
      RATE_LIMIT_PER_IP: 0,
      RATE_LIMIT_PER_BIN: 0,
    });
    expect(env.PUBLIC_URL).toBeUndefined();
  });

  it("puts the database at an absolute path ending in data/hookscope.db", () => {
    const databaseFile = loadEnv({}).databaseFile ?? "";
    expect(path.isAbsolute(databaseFile)).toBe(true);
    expect(databaseFile.endsWith(path.join("data", "hookscope.db"))).toBe(true);
  });

  it("resolves a relative DATABASE_URL to an absolute file path", () => {
    const { databaseFile } = loadEnv({ DATABASE_URL: "file:./tmp/x.db" });
    expect(databaseFile).toBe(path.resolve("tmp/x.db"));
  });

  it("treats an empty string as unset", () => {
    const env = loadEnv({ PORT: "", HOST: "", TRUST_PROXY: "", PUBLIC_URL: "", MAX_BODY_BYTES: "" });
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.PUBLIC_URL).toBeUndefined();
    expect(env.MAX_BODY_BYTES).toBe(10_485_760);
  });
});

describe("RESEND_ALLOW_PRIVATE", () => {
  it("defaults to true for loopback hosts", () => {
    for (const HOST of ["127.0.0.1", "localhost", "::1"]) {
      expect(loadEnv({ HOST }).RESEND_ALLOW_PRIVATE, HOST).toBe(true);
    }
  });

  it("defaults to false when listening on every interface", () => {
    expect(loadEnv({ HOST: "0.0.0.0" }).RESEND_ALLOW_PRIVATE).toBe(false);
    expect(loadEnv({ HOST: "::" }).RESEND_ALLOW_PRIVATE).toBe(false);
  });

  it("takes an explicit value over the default", () => {
    expect(loadEnv({ HOST: "127.0.0.1", RESEND_ALLOW_PRIVATE: "false" }).RESEND_ALLOW_PRIVATE).toBe(false);
    expect(loadEnv({ HOST: "0.0.0.0", RESEND_ALLOW_PRIVATE: "true" }).RESEND_ALLOW_PRIVATE).toBe(true);
  });
});

describe("TRUST_PROXY", () => {
  it("accepts true/false and 1/0", () => {
    expect(loadEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
    expect(loadEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(true);
    expect(loadEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
  });
});

describe("PUBLIC_URL", () => {
  it("drops trailing slashes", () => {
    expect(loadEnv({ PUBLIC_URL: "https://hooks.example.com/" }).PUBLIC_URL).toBe("https://hooks.example.com");
    expect(loadEnv({ PUBLIC_URL: "http://localhost:8080/base//" }).PUBLIC_URL).toBe("http://localhost:8080/base");
  });
});

describe("invalid settings", () => {
  const bad: Record<string, string> = {
    PORT: "abc",
    MAX_BODY_BYTES: "-5",
    TRUST_PROXY: "maybe",
    DATABASE_URL: "mysql://x",
    PUBLIC_URL: "not-a-url",
    RETENTION_DAYS: "0",
  };

  it.each(Object.entries(bad))("refuses %s=%s with a message naming it", (name, value) => {
    const err = envError({ [name]: value });
    expect(err.message).toContain(name);
    expect(err.message).toContain(value);
  });

  it("refuses a port above 65535", () => {
    expect(envError({ PORT: "70000" }).message).toContain("PORT");
  });

  it("refuses a non-http PUBLIC_URL", () => {
    expect(envError({ PUBLIC_URL: "ftp://files.example.com" }).message).toContain("PUBLIC_URL");
  });

  it("names every bad variable in one message, and only those", () => {
    const message = envError({ ...bad, HOST: "0.0.0.0", RESEND_TIMEOUT_MS: "5000" }).message;
    for (const name of Object.keys(bad)) expect(message).toContain(name);
    expect(message).not.toContain("HOST");
    expect(message).not.toContain("RESEND_TIMEOUT_MS");
  });
});

describe("capture origin and access settings", () => {
  it("takes CAPTURE_URL as an origin on another host than PUBLIC_URL", () => {
    const env = loadEnv({ PUBLIC_URL: "https://hooks.example.com/", CAPTURE_URL: "https://in.hooks.example.com/" });
    expect(env.CAPTURE_URL).toBe("https://in.hooks.example.com");
    expect(
      envError({ PUBLIC_URL: "https://hooks.example.com", CAPTURE_URL: "https://hooks.example.com:8443" }).message,
    ).toMatch(/CAPTURE_URL=.*another host name/);
    expect(envError({ CAPTURE_URL: "https://in.example.com/h" }).message).toMatch(/CAPTURE_URL=.*origin only/);
  });

  it("splits ALLOWED_HOSTS and ALLOWED_ORIGINS on commas and checks origins", () => {
    const env = loadEnv({ ALLOWED_HOSTS: "a.example, b.example,", ALLOWED_ORIGINS: "https://dash.example.com/" });
    expect(env.ALLOWED_HOSTS).toEqual(["a.example", "b.example"]);
    expect(env.ALLOWED_ORIGINS).toEqual(["https://dash.example.com"]);
    expect(envError({ ALLOWED_ORIGINS: "dash.example.com" }).message).toMatch(/ALLOWED_ORIGINS/);
  });

  it("refuses ALLOWED_HOSTS entries that are URLs, and never shows a secret setting's value", () => {
    expect(envError({ ALLOWED_HOSTS: "https://hooks.example.com" }).message).toMatch(/ALLOWED_HOSTS=.*host names only/);
    const err = envError({ METRICS_TOKEN: "short-secret" });
    expect(err.message).toContain("METRICS_TOKEN=(hidden)");
    expect(err.message).not.toContain("short-secret");
  });

  it("defaults the API body limit, bin creation rate and idle time of bins", () => {
    expect(loadEnv({})).toMatchObject({
      MAX_API_BODY_BYTES: 1_048_576,
      RATE_LIMIT_BIN_CREATION: 60,
      BIN_IDLE_DAYS: 90,
    });
  });
});

describe("ACCESS_MODE and ACCESS_KEYS", () => {
  const KEY = "a".repeat(32);

  it("is open without keys, and takes a comma-separated list of long keys", () => {
    expect(loadEnv({}).ACCESS_MODE).toBe("open");
    expect(loadEnv({ ACCESS_MODE: "private", ACCESS_KEYS: `${KEY}, ${"b".repeat(40)}` }).ACCESS_KEYS).toEqual([
      KEY,
      "b".repeat(40),
    ]);
  });

  it.each(["restricted", "private"])("refuses %s without a key, naming the problem", (mode) => {
    expect(envError({ ACCESS_MODE: mode }).message).toMatch(/ACCESS_MODE=.*needs ACCESS_KEYS.*32\+ characters/);
  });

  it("refuses a key shorter than 32 characters without showing any key", () => {
    const message = envError({ ACCESS_MODE: "private", ACCESS_KEYS: `${KEY},short-key` }).message;
    expect(message).toMatch(/ACCESS_KEYS=\(hidden\): each key must be at least 32 characters/);
    expect(message).not.toContain("short-key");
    expect(message).not.toContain(KEY);
  });

  it("refuses an unknown mode", () => {
    expect(envError({ ACCESS_MODE: "secret" }).message).toContain("ACCESS_MODE");
  });
});
