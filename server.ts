// Hookscope's HTTP front. Capture URLs (/h/...) are answered here on node:http, losslessly and
// fast; everything else (pages and the JSON API) goes to Next.js.
import { createServer, type IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import next from "next";
import { accessConfig } from "./lib/access/config.ts";
import { cachedCaptureBin, forgetBin, lookUpCaptureBin } from "./lib/bins/capture-lookup.ts";
import { sendError } from "./lib/capture/answer.ts";
import { ByteBudget, SharedByteBudget } from "./lib/capture/byte-budget.ts";
import { answerClientError } from "./lib/capture/client-error.ts";
import { createCaptureHandler } from "./lib/capture/handler.ts";
import { originForm, parseCaptureTarget } from "./lib/capture/target.ts";
import { EnvError, getEnv } from "./lib/env.ts";
import { ApiError } from "./lib/errors.ts";
import { installEventBus } from "./lib/events/bus.ts";
import { startForwarding } from "./lib/forward/forwarding.ts";
import { createHostPolicy } from "./lib/http/host-policy.ts";
import { createRequestGuard } from "./lib/http/request-guard.ts";
import { createStreamHandler, matchStream } from "./lib/live/stream-handler.ts";
import { log, routeConsoleToJson } from "./lib/log.ts";
import { enableMetrics } from "./lib/metrics.ts";
import { createMetricsHandler } from "./lib/metrics-endpoint.ts";
import { RateLimiter } from "./lib/rate-limit.ts";
import { createBodyDownloadHandler, matchBodyDownload } from "./lib/requests/body-handler.ts";
import { listAfter } from "./lib/requests/service.ts";
import { startRetention } from "./lib/retention.ts";
import { projectRoot } from "./lib/root.ts";
import { rememberListenAddress } from "./lib/self-address.ts";
import { refuseShareChange } from "./lib/shares/read-only.ts";
import { withoutPassword } from "./lib/storage/database-url.ts";
import { storage } from "./lib/storage/index.ts";
import { openStorageServer } from "./lib/storage/server.ts";
import { createWaitHandler, matchWait } from "./lib/wait/wait-handler.ts";

async function main(): Promise<void> {
  const env = loadSettingsOrExit();
  if (env.LOG_FORMAT === "json") routeConsoleToJson();
  const storageServer = openStorageServer();
  const applied = await storageServer.migrate();
  if (applied.length > 0) log.info(`applied migrations: ${applied.join(", ")}`);

  const writer = storageServer.openCaptureWriter({
    maxRequestsPerBin: env.MAX_REQUESTS_PER_BIN,
    forwardQueuePerBin: env.FORWARD_QUEUE_PER_BIN,
    forwardQueueMax: env.FORWARD_QUEUE_MAX,
  });
  await writer.ready();
  // Installed before Next starts: its route handlers publish deletions and clears on this bus.
  const bus = await storageServer.openEventBus({ reconnectMs: env.LIVE_RECONNECT_MS, readAfter: listAfter });
  installEventBus(bus);

  const dev = process.env.NODE_ENV === "development";
  const app = next({ dev, dir: projectRoot(), hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  const forwarding = startForwarding(env, storage());

  const capture = createCaptureHandler({
    maxBodyBytes: env.MAX_BODY_BYTES,
    trustProxy: env.TRUST_PROXY,
    cachedBin: cachedCaptureBin,
    lookUpBin: lookUpCaptureBin,
    forgetBin,
    write: (row) => writer.write(row),
    bus,
    limits: {
      perIp: new RateLimiter(env.RATE_LIMIT_PER_IP),
      perBin: new RateLimiter(env.RATE_LIMIT_PER_BIN),
      inflight: new ByteBudget(env.MAX_INFLIGHT_BYTES),
    },
    onStored: forwarding.captured,
  });

  const liveStream = createStreamHandler({
    bus,
    heartbeatMs: env.SSE_HEARTBEAT_MS,
    maxBufferBytes: env.SSE_MAX_BUFFER_BYTES,
    maxSubscribersPerBin: env.SSE_MAX_SUBSCRIBERS_PER_BIN,
  });

  const waitForCapture = createWaitHandler({
    bus,
    maxSeconds: env.WAIT_MAX_SECONDS,
    maxPerBin: env.WAIT_MAX_PER_BIN,
  });

  const bodyDownload = createBodyDownloadHandler({
    // No client address may hold more than a quarter: a few slow readers cannot block everyone.
    budget: new SharedByteBudget(env.MAX_DOWNLOAD_INFLIGHT_BYTES, env.MAX_DOWNLOAD_INFLIGHT_BYTES / 4),
    trustProxy: env.TRUST_PROXY,
    idleTimeoutMs: env.DOWNLOAD_IDLE_TIMEOUT_MS,
  });

  const registry = env.METRICS_TOKEN ? await enableMetrics({ forwardQueueDepth: () => forwarding.backlog() }) : null;
  const metrics = createMetricsHandler(env.METRICS_TOKEN, registry);

  const guard = createRequestGuard({
    hosts: createHostPolicy(env),
    trustProxy: env.TRUST_PROXY,
    allowedOrigins: env.ALLOWED_ORIGINS ?? [],
    publicUrl: env.PUBLIC_URL,
    access: accessConfig(),
  });

  let shuttingDown = false;
  let activeCaptures = 0;
  /** Ends a capture counted in activeCaptures; one that failed is answered 500. */
  const captureDone = (req: IncomingMessage, res: ServerResponse) => (err?: unknown) => {
    activeCaptures--;
    if (err === undefined) return;
    log.error("capture failed", err);
    sendError(req, res, new ApiError("internal_error", "The request could not be captured."), true);
  };
  const server = createServer(
    {
      maxHeaderSize: env.MAX_HEADER_BYTES,
      // Slow senders (slow-loris) are cut off instead of holding connections open.
      headersTimeout: env.HEADERS_TIMEOUT_MS,
      requestTimeout: env.REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.max(100, Math.min(1000, env.HEADERS_TIMEOUT_MS / 2)),
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const url = req.url ?? "/";
      const target = parseCaptureTarget(url);
      if (!target) {
        const path = originForm(url);
        // Scrapers name the instance by address: /metrics answers any Host, like /api/health.
        if (path === "/metrics" || path.startsWith("/metrics?")) {
          metrics(req, res).catch((err) => {
            log.error("metrics failed", err);
            res.destroy();
          });
          return;
        }
        if (guard.guardApp(req, res, path) === "answered") return;
        const readOnly = refuseShareChange(req.method, path);
        if (readOnly) {
          sendError(req, res, readOnly);
          return;
        }
        const streamTarget = matchStream(path);
        const bodyTarget = streamTarget ? null : matchBodyDownload(path);
        const waitTarget = streamTarget || bodyTarget ? null : matchWait(path);
        if (streamTarget) void liveStream(req, res, streamTarget.opener, streamTarget.search);
        else if (bodyTarget) void bodyDownload(req, res, bodyTarget);
        else if (waitTarget) void waitForCapture(req, res, waitTarget.key, waitTarget.search);
        else void handleNext(req, res);
        return;
      }
      if (guard.guardCapture(req, res) === "answered") return;
      if (shuttingDown) {
        sendError(
          req,
          res,
          new ApiError("shutting_down", "The server is restarting; send the request again shortly.", {
            "Retry-After": "1",
          }),
          true,
        );
        return;
      }
      activeCaptures++;
      capture(req, res, target, undefined, captureDone(req, res));
    },
  );
  // Every header line is kept (within MAX_HEADER_BYTES): by default Node silently keeps only the
  // first 1,000, which would let a sender hide headers from the inspector.
  server.maxHeadersCount = 0;
  // CONNECT never reaches the request handler: Node hands it over as a tunnel. It is captured all
  // the same when it names a capture URL, answered on the raw socket, and the connection closed.
  server.on("connect", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // Node hands CONNECT over as a bare socket: no error listener, no timeouts, no reader.
    socket.on("error", () => socket.destroy());
    socket.setTimeout(env.REQUEST_TIMEOUT_MS, () => socket.destroy());
    if ((socket as Socket & { _httpMessage?: unknown })._httpMessage) {
      // A pipelined earlier request still owns the socket's response.
      socket.destroy();
      return;
    }
    const res = new ServerResponse(req);
    res.assignSocket(socket);
    res.shouldKeepAlive = false;
    res.on("finish", () => {
      res.detachSocket(socket);
      socket.end();
      // Read (and drop) whatever else the client sends, so its close is seen and the socket freed.
      socket.resume();
    });
    const target = parseCaptureTarget(req.url ?? "");
    if (target && guard.guardCapture(req, res) === "answered") return;
    if (!target || shuttingDown) {
      const err = shuttingDown
        ? new ApiError("shutting_down", "The server is restarting; send the request again shortly.", {
            "Retry-After": "1",
          })
        : new ApiError(
            "bad_request",
            "CONNECT is only accepted at a capture URL (/h/{token}); this server is not a proxy.",
          );
      sendError(req, res, err, true);
      return;
    }
    activeCaptures++;
    // CONNECT has no framed body: the bytes that came with the request head are stored as its body.
    capture(req, res, target, head, captureDone(req, res));
  });

  server.on("clientError", (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    answerClientError(err, socket, log.info);
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why = err.code === "EADDRINUSE" ? "the port is in use (set PORT to another one)" : err.message;
      reject(new Error(`cannot listen on ${env.HOST}:${env.PORT}: ${why}`));
    };
    server.once("error", onError);
    server.listen(env.PORT, env.HOST, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  rememberListenAddress(env.HOST, port);
  const shownHost = env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
  log.info(
    `listening on http://${shownHost}:${port} (database ${env.databaseFile ?? withoutPassword(env.DATABASE_URL)})`,
  );

  const stopRetention = startRetention({
    retentionDays: env.RETENTION_DAYS,
    binIdleDays: env.BIN_IDLE_DAYS,
    intervalMs: env.PRUNE_INTERVAL_MS,
  });

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info(`${signal}: finishing in-flight captures`);
    stopRetention();
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + env.SHUTDOWN_TIMEOUT_MS;
    while ((activeCaptures > 0 || writer.pending > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await writer.close();
    await bus.close();
    await forwarding.close(Math.max(0, deadline - Date.now()));
    server.closeAllConnections();
    await storage().close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

function loadSettingsOrExit() {
  try {
    return getEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`[hookscope] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

main().catch((err) => {
  const quiet = err instanceof Error && err.message.startsWith("cannot listen");
  log.error(`failed to start: ${err instanceof Error ? err.message : String(err)}`, quiet ? undefined : err);
  process.exit(1);
});
