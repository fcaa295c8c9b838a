import type { Config } from '../../src/config';
import { badAnswer, type ProviderCircuit } from './provider-circuit';

/**
 * Akismet (https://akismet.com/developers/): comment-check on each comment, submit-spam and
 * submit-ham when moderators correct it. Form-encoded POSTs to /1.1/…; comment-check answers `true`
 * (spam; `X-akismet-pro-tip: discard` for blatant spam) or `false`.
 *
 * What is sent: the site, the comment's text, author name and time. Never the author's email
 * (Sift's contract keeps emails inside), and no raw client IP, which Sift does not keep: Akismet
 * requires `user_ip`, so it gets a stand-in derived from Sift's keyed hash of the IP, an address in
 * the documentation range 2001:db8::/32 (the same sender always maps to the same address, and
 * nothing about the real address can be read from it). Akismet's IP reputation is lost with it.
 */
export interface AkismetComment {
  body: string;
  authorName: string;
  ipHash: Buffer | null;
  createdAt: Date;
}

export type AkismetVerdict = { spam: false } | { spam: true; discard: boolean };

type AkismetSettings = NonNullable<Config['providers']['akismet']>;

export function standInIp(ipHash: Buffer | null): string {
  if (!ipHash || ipHash.length < 12) return '2001:db8::';
  const groups: string[] = [];
  for (let i = 0; i < 12; i += 2) groups.push(ipHash.readUInt16BE(i).toString(16));
  return `2001:db8:${groups.join(':')}`;
}

export function createAkismet(settings: AkismetSettings, circuit: ProviderCircuit) {
  const form = (comment: AkismetComment) =>
    new URLSearchParams({
      api_key: settings.apiKey,
      blog: settings.siteUrl,
      user_ip: standInIp(comment.ipHash),
      comment_type: 'comment',
      comment_author: comment.authorName,
      comment_content: comment.body,
      comment_date_gmt: comment.createdAt.toISOString(),
      blog_charset: 'UTF-8',
    });

  async function post(path: string, body: URLSearchParams, signal: AbortSignal): Promise<{ text: string; proTip: string | null }> {
    const response = await fetch(`${settings.url}/1.1/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'User-Agent': 'Sift/0.1 | Akismet/1.1' },
      body,
      signal,
      redirect: 'error',
    });
    const text = (await response.text()).trim();
    if (!response.ok) throw badAnswer('akismet', `HTTP ${response.status}`);
    return { text, proTip: response.headers.get('x-akismet-pro-tip') };
  }

  return {
    check(comment: AkismetComment): Promise<AkismetVerdict> {
      return circuit.call('comment-check', async (signal) => {
        const { text, proTip } = await post('comment-check', form(comment), signal);
        if (text === 'true') return { spam: true, discard: proTip === 'discard' };
        if (text === 'false') return { spam: false };
        // "invalid" (a bad key) or an error message: Akismet did not judge the comment.
        throw badAnswer('akismet', `an answer Sift cannot use ('${text.slice(0, 60)}')`);
      });
    },

    /** Tells Akismet it was wrong: `spam` for a missed spam, `ham` for a legitimate comment it flagged. */
    submit(label: 'spam' | 'ham', comment: AkismetComment): Promise<void> {
      return circuit.call(`submit-${label}`, async (signal) => {
        await post(`submit-${label}`, form(comment), signal);
      });
    },
  };
}

export type Akismet = ReturnType<typeof createAkismet>;
