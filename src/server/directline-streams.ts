import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { DirectLineError, READ_LIMIT, type DirectLineService } from '../channels/directline/directline-service.js';
import type { ActivityFeed } from '../domain/transcript.js';
import type { WebOrigins } from './web-origins.js';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]{1,400})\/stream$/;
/** A ping this often; a stream that has not answered the last one is closed (a phone gone to sleep, a dropped network). */
const HEARTBEAT_MS = 30_000;
/** Going away (RFC 6455): the server is stopping, reconnect (to another instance). */
const GOING_AWAY = 1001;
const SERVER_ERROR = 1011;
/** Streams open at once on one conversation: a few tabs of the same chat, not a flood opened with one token. */
export const MAX_STREAMS_PER_CONVERSATION = 5;

/** The open WebSocket streams of this instance. */
export interface DirectLineStreams {
  open(): number;
  /** Closes every stream as "going away": Web Chat reconnects, through the load balancer, to an instance still running. */
  close(): void;
}

/**
 * Direct Line's push channel: the `streamUrl` of `POST /conversations` and of the reconnect call,
 * a WebSocket on which each new activity set is sent as it is stored, on whichever instance (the
 * activity feed wakes the stream). An open chat then costs nothing while nobody writes, where a
 * polling one costs a database read every second. The stream only sends; the resident posts over
 * HTTP as before, and polling stays for clients that do not open the stream.
 */
export function mountDirectLineStreams(http: HttpServer, directLine: DirectLineService, feed: ActivityFeed, origins: WebOrigins): DirectLineStreams {
  const server = new WebSocketServer({ noServer: true, maxPayload: 4_096 });
  const alive = new WeakSet<WebSocket>();
  const openPerConversation = new Map<string, number>();

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://stream');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404);
    // Another site's page may not read the chat, as over HTTP.
    if (!origins.permits(req)) return refuse(socket, 403);
    const conversationId = decodeURIComponent(match[1]!);
    const watermark = url.searchParams.get('watermark') ?? undefined;
    directLine.authoriseStream(url.searchParams.get('t') ?? '', conversationId).then(
      () => {
        if ((openPerConversation.get(conversationId) ?? 0) >= MAX_STREAMS_PER_CONVERSATION) return refuse(socket, 429);
        server.handleUpgrade(req, socket, head, (stream) => follow(stream, conversationId, watermark === '-' ? undefined : watermark));
      },
      (error: unknown) => refuse(socket, error instanceof DirectLineError ? error.status : 500),
    );
  });

  function follow(stream: WebSocket, conversationId: string, from: string | undefined): void {
    openPerConversation.set(conversationId, (openPerConversation.get(conversationId) ?? 0) + 1);
    alive.add(stream);
    stream.on('pong', () => alive.add(stream));
    let watermark = from;
    let reading = false;
    let again = false;
    // One read at a time per stream; a wake during a read reads once more afterwards.
    const deliver = async () => {
      if (reading) return void (again = true);
      reading = true;
      try {
        do {
          again = false;
          const set = await directLine.read(conversationId, watermark);
          if (stream.readyState !== WebSocket.OPEN) return;
          if (set.activities.length > 0) stream.send(JSON.stringify(set));
          watermark = set.watermark;
          if (set.activities.length === READ_LIMIT) again = true;
        } while (again);
      } catch {
        // The database did not answer: Web Chat reconnects and reads from its watermark.
        stream.close(SERVER_ERROR);
      } finally {
        reading = false;
      }
    };
    const stopWatching = feed.watch(conversationId, () => void deliver());
    stream.once('close', () => {
      stopWatching();
      const left = openPerConversation.get(conversationId)! - 1;
      if (left > 0) openPerConversation.set(conversationId, left);
      else openPerConversation.delete(conversationId);
    });
    // What was stored before the stream opened (the greeting, or everything after the client's watermark).
    void deliver();
  }

  const heartbeat = setInterval(() => {
    for (const stream of server.clients) {
      if (!alive.has(stream)) stream.terminate();
      else {
        alive.delete(stream);
        stream.ping();
      }
    }
  }, HEARTBEAT_MS).unref();

  return {
    open: () => server.clients.size,
    close() {
      clearInterval(heartbeat);
      for (const stream of server.clients) stream.close(GOING_AWAY);
    },
  };
}

/** Answers an upgrade that is refused with a plain HTTP status, and hangs up. */
function refuse(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
