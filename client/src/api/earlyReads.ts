/** A read `public/early-reads.js` started as the page opened. */
export interface EarlyRead {
  /** When it was started (Date.now()). */
  at: number;
  reply: Promise<Response>;
}

declare global {
  interface Window {
    __earlyReads?: Record<string, EarlyRead> | undefined;
  }
}

/** An early reply older than this is not used: a page opened later reads afresh. */
export const EARLY_READ_FRESH_MS = 10_000;

/**
 * The reply to a GET of `url` that the start-up script already asked for, to the first
 * caller only, and only when it came back 2xx while fresh; null otherwise (ask again).
 */
export async function takeEarlyRead(url: string): Promise<Response | null> {
  const reads = typeof window === 'undefined' ? undefined : window.__earlyReads;
  const read = reads?.[url];
  if (!reads || !read) return null;
  delete reads[url];
  if (Date.now() - read.at > EARLY_READ_FRESH_MS) return null;
  try {
    const res = await read.reply;
    return res.ok ? res : null;
  } catch {
    return null;
  }
}
