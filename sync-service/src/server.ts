// Listens, runs the scheduled pull, and shuts down gracefully: stop taking requests, let the
// syncs in flight finish (their transactions commit or roll back whole), then close the store.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, Server as NetServer, type Socket } from 'node:net';
import { startRollupWarmer } from './app/warm-rollups.ts';
import { createApp } from './app.ts';
import { startPullSchedule } from './pull/schedule.ts';
import { startRemindSchedule } from './remind/schedule.ts';
import type { AppServices } from './services.ts';

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  /** Graceful stop; resolves once syncs in flight have finished and the store is closed. */
  close(): Promise<void>;
}

export async function startServer(
  services: AppServices,
  { port = services.config.port, host = services.config.host } = {},
): Promise<RunningServer> {
  const app = createApp(services);
  const { headersTimeoutMs, requestTimeoutMs, maxConnections } = services.config;
  // Slow clients (headers or body trickling in) are cut off, and the sockets one process holds are capped.
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
    },
    app,
  );
  server.maxConnections = maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.keepAliveTimeout = 5_000;
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`;
  const schedule = startPullSchedule(services);
  const reminders = startRemindSchedule(services);
  const warmer = startRollupWarmer(services);
  const connections = trackConnections(server);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      schedule.stop();
      reminders.stop();
      const stopped = connections.stop();
      await services.inflight.close();
      await schedule.idle();
      await reminders.idle();
      let grace: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        grace = setTimeout(resolve, 15_000);
      });
      await Promise.race([stopped, graceOver]);
      clearTimeout(grace);
      server.closeAllConnections();
      await stopped;
      // After the requests: one may be waiting for the warm-up's sums.
      warmer.stop();
      await warmer.idle();
      await services.store.close();
    })();
    return closing;
  };
  return { server, url, port: address.port, close };
}

/**
 * Stops listening without cutting answers short. http.Server#close() destroys "idle"
 * connections, and a connection whose answer is still being flushed counts as idle, so a large
 * answer would be truncated. Here sockets are ended (FIN after the pending bytes) once their
 * last request has finished.
 */
function trackConnections(server: Server) {
  const active = new Map<Socket, number>();
  let stopping = false;
  server.on('connection', (socket: Socket) => {
    active.set(socket, 0);
    socket.on('close', () => active.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    active.set(socket, (active.get(socket) ?? 0) + 1);
    if (stopping) res.setHeader('connection', 'close');
    res.on('close', () => {
      const left = (active.get(socket) ?? 1) - 1;
      active.set(socket, left);
      if (stopping && left === 0) socket.end();
    });
  });
  return {
    /** Resolves when the listener and every connection are closed. */
    stop(): Promise<void> {
      stopping = true;
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      for (const [socket, requests] of active) if (requests === 0) socket.end();
      return closed;
    },
  };
}

/** SIGTERM / SIGINT → graceful close, then exit. A second signal exits at once. */
export function closeOnSignals(running: RunningServer, services: AppServices): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    services.logger.info({ signal, inflight: services.inflight.size }, 'shutting down');
    running.close().then(
      () => {
        services.logger.info('stopped');
        process.exit(0);
      },
      (error) => {
        services.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
