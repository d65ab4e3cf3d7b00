// Where reminders go out: e-mail over SMTP (nodemailer), MAX and VK Teams through their bot HTTP APIs.
// A failed send throws SendError, which says whether trying again may help.
import nodemailer from 'nodemailer';
import type { RemindConfig } from '../config.ts';
import type { ContactChannel } from '../store/remind-types.ts';

export interface OutMessage {
  address: string;
  subject: string;
  body: string;
}

export interface Channel {
  send(message: OutMessage): Promise<void>;
  close(): void;
}

export type Channels = Partial<Record<ContactChannel, Channel>>;

export class SendError extends Error {
  /** True when the same send may succeed later (network, 5xx/429, SMTP 4xx). */
  readonly transient: boolean;
  constructor(message: string, transient: boolean) {
    super(message);
    this.name = 'SendError';
    this.transient = transient;
  }
}

const NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNECTION',
  'ESOCKET',
]);

function smtpFailure(error: unknown): SendError {
  const e = error as { responseCode?: number; code?: string; message?: string; response?: string };
  const transient =
    (typeof e.responseCode === 'number' && e.responseCode >= 400 && e.responseCode < 500) ||
    (typeof e.code === 'string' && NETWORK.has(e.code));
  return new SendError(`SMTP: ${e.response ?? e.message ?? String(error)}`, transient);
}

export function emailChannel(smtpUrl: string, from: string): Channel {
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 4 });
  return {
    async send(m) {
      try {
        await transport.sendMail({ from, to: m.address, subject: m.subject, text: m.body });
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => transport.close(),
  };
}

/** An HTTP answer as a SendError: 429 and 5xx may pass later, other 4xx will not. */
async function httpFailure(what: string, res: Response): Promise<SendError> {
  const text = (await res.text().catch(() => '')).slice(0, 300);
  return new SendError(`${what}: HTTP ${res.status} ${text}`.trim(), res.status === 429 || res.status >= 500);
}

async function request(what: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new SendError(`${what}: ${(error as Error).message}`, true);
  }
}

/** MAX takes up to 4000 characters in a message's text. */
export const MAX_TEXT = 4000;
/** VK Teams' sendText is a GET: the text travels in the URL, so it is kept short (proxies limit URLs to ~8 KB). */
export const VKTEAMS_TEXT = 1200;

/** A messenger's text within `max` characters: cut at a line's end, with «…» saying more is in the e-mail/page. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max - 2);
  return `${text.slice(0, cut > 0 ? cut : max - 2)}\n…`;
}

/** MAX bot API: POST /messages?chat_id=…, token in the Authorization header, body { text }. */
export function maxChannel(apiUrl: string, token: string): Channel {
  return {
    async send(m) {
      const url = `${apiUrl}/messages?chat_id=${encodeURIComponent(m.address)}`;
      const res = await request('MAX', url, {
        method: 'POST',
        headers: { Authorization: token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: fitText(`${m.subject}\n\n${m.body}`, MAX_TEXT) }),
      });
      if (!res.ok) throw await httpFailure('MAX', res);
    },
    close() {},
  };
}

/** VK Teams bot API: GET /messages/sendText?token=…&chatId=…&text=…; answers { ok, msgId } or { ok: false, description }. */
export function vkteamsChannel(apiUrl: string, token: string): Channel {
  return {
    async send(m) {
      const query = new URLSearchParams({
        token,
        chatId: m.address,
        text: fitText(`${m.subject}\n\n${m.body}`, VKTEAMS_TEXT),
      });
      const res = await request('VK Teams', `${apiUrl}/messages/sendText?${query}`, { method: 'GET' });
      if (!res.ok) throw await httpFailure('VK Teams', res);
      const answer = (await res.json().catch(() => null)) as { ok?: boolean; description?: string } | null;
      if (!answer?.ok) throw new SendError(`VK Teams: ${answer?.description ?? 'ответ без ok'}`, false);
    },
    close() {},
  };
}

/** The channels the configuration allows. */
export function channelsFrom(config: RemindConfig): Channels {
  const out: Channels = {};
  if (config.smtpUrl) out.email = emailChannel(config.smtpUrl, config.mailFrom);
  if (config.maxBotToken) out.max = maxChannel(config.maxApiUrl, config.maxBotToken);
  if (config.vkteamsBotToken) out.vkteams = vkteamsChannel(config.vkteamsApiUrl, config.vkteamsBotToken);
  return out;
}

export function closeChannels(channels: Channels): void {
  for (const c of Object.values(channels)) c?.close();
}
