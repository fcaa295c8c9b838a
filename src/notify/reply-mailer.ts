import nodemailer from 'nodemailer';

/**
 * Sends reply notifications through SMTP_URL with nodemailer. The address goes to the SMTP server
 * as the recipient and nowhere else: nodemailer's own logging stays off, and a failure is reported
 * as its SMTP or error code only, never the server's text (which may quote the address).
 */
export interface ReplyEmail {
  to: string;
  replyId: string;
  parentAuthorName: string;
  replyAuthorName: string;
  replyBody: string;
  parentBody: string;
  articleId: string;
  unsubscribeUrl: string;
}

export interface ReplyMailer {
  send(email: ReplyEmail): Promise<void>;
  close(): void;
}

/** A failed send, described without anything the server said about the recipient. */
export class SendFailure extends Error {
  constructor(
    readonly code: string,
    /** 4xx and connection problems are worth another try; a 5xx answer about the message is not. */
    readonly permanent: boolean,
  ) {
    super(`SMTP send failed: ${code}`);
  }
}

export function createReplyMailer(smtp: { url: string; from: string }, options: { timeoutMs?: number } = {}): ReplyMailer {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url: smtp.url,
    logger: false,
    debug: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(smtp.from)?.[1] ?? 'sift.invalid';

  return {
    async send(email) {
      try {
        await transport.sendMail({
          from: smtp.from,
          to: email.to,
          subject: `${oneLine(email.replyAuthorName)} replied to your comment`,
          text: body(email),
          // The same id on every attempt: a receiver that got the message twice (a crash between
          // the SMTP server's "OK" and our record of it) can tell it is one message.
          messageId: `<reply-${email.replyId}@${domain}>`,
          // RFC 2369 and RFC 8058: a mail client's "unsubscribe" POSTs List-Unsubscribe=One-Click to the URL.
          headers: { 'Auto-Submitted': 'auto-generated', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          list: { unsubscribe: email.unsubscribeUrl },
        });
      } catch (error) {
        throw failure(error);
      }
    },
    close: () => transport.close(),
  };
}

function failure(error: unknown): SendFailure {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return new SendFailure(`SMTP ${e.responseCode}`, e.responseCode >= 500);
  return new SendFailure(typeof e.code === 'string' ? e.code : 'unknown', false);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 100);
const excerpt = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const quote = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((line) => `> ${line}`)
    .join('\n');

function body(email: ReplyEmail): string {
  return [
    `Hello ${oneLine(email.parentAuthorName)},`,
    '',
    `${oneLine(email.replyAuthorName)} replied to your comment (article "${email.articleId}"):`,
    '',
    quote(excerpt(email.replyBody, 2000)),
    '',
    'Your comment:',
    '',
    quote(excerpt(email.parentBody, 300)),
    '',
    '-- ',
    'You get this email because you asked to hear about replies to your comment.',
    `Stop these emails: ${email.unsubscribeUrl}`,
    '',
  ].join('\n');
}
