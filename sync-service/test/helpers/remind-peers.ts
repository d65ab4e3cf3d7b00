// Real protocol peers on loopback for the reminder channels: an SMTP server (smtp-server) that
// keeps what it receives and can refuse, and one HTTP server speaking the MAX and VK Teams bot APIs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

export interface SmtpPeer {
  url: string;
  mails: ReceivedMail[];
  /** Decides per recipient and attempt: undefined accepts, else the SMTP code (4xx transient, 5xx permanent). */
  refuse: (to: string, attempt: number) => number | undefined;
  close(): Promise<void>;
}

/** RFC 2047 encoded words (B and Q), as nodemailer writes a Cyrillic subject. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { to, subject: decodeWords(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const attempts = new Map<string, number>();
  const peer: SmtpPeer = {
    url: '',
    mails: [],
    refuse: () => undefined,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const n = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, n);
      const code = peer.refuse(address.address, n);
      if (code === undefined) return callback();
      const error = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & {
        responseCode: number;
      };
      error.responseCode = code;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        peer.mails.push(
          parseMail(
            Buffer.concat(chunks).toString('latin1'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  peer.url = `smtp://127.0.0.1:${port}?ignoreTLS=true`;
  peer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}

export interface BotMessage {
  api: 'max' | 'vkteams';
  chat: string;
  text: string;
}

export interface BotPeer {
  /** MAX_API_URL */
  maxUrl: string;
  /** VK_TEAMS_API_URL */
  vkteamsUrl: string;
  token: string;
  messages: BotMessage[];
  /** Answers this many requests with 503 before accepting again. */
  failNext: number;
  close(): Promise<void>;
}

/** The two bot APIs: MAX `POST /messages?chat_id=` (token in Authorization), VK Teams `GET /bot/v1/messages/sendText`. */
export async function startBotPeer(token = 'bot-token-1'): Promise<BotPeer> {
  const peer: BotPeer = {
    maxUrl: '',
    vkteamsUrl: '',
    token,
    messages: [],
    failNext: 0,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (peer.failNext > 0) {
        peer.failNext--;
        return json(503, { code: 'service.unavailable', message: 'Try later' });
      }
      if (req.method === 'POST' && url.pathname === '/max/messages') {
        if (req.headers.authorization !== token)
          return json(401, { code: 'verify.token', message: 'Invalid access_token' });
        const chat = url.searchParams.get('chat_id');
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: string };
        if (!chat || !body.text)
          return json(400, { code: 'proto.payload', message: 'chat_id and text required' });
        peer.messages.push({ api: 'max', chat, text: body.text });
        return json(200, { message: { body: { mid: `mid.${peer.messages.length}`, text: body.text } } });
      }
      if (req.method === 'GET' && url.pathname === '/bot/v1/messages/sendText') {
        if (url.searchParams.get('token') !== token)
          return json(200, { ok: false, description: 'Invalid token' });
        const chat = url.searchParams.get('chatId');
        const text = url.searchParams.get('text');
        if (!chat || !text) return json(200, { ok: false, description: 'Missing required parameter' });
        peer.messages.push({ api: 'vkteams', chat, text });
        return json(200, { ok: true, msgId: String(7000 + peer.messages.length) });
      }
      json(404, { code: 'not.found', message: 'Unknown method' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  peer.maxUrl = `http://127.0.0.1:${port}/max`;
  peer.vkteamsUrl = `http://127.0.0.1:${port}/bot/v1`;
  peer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}
