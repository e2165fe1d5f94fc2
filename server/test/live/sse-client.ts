/** Tests only: a server-sent events client over fetch that keeps every frame it got. */
import { RUN_STREAM_EVENTS, type RunStreamEvent, type StepStreamEvent } from '@autonomic/api';

export type Frame =
  { event: 'run'; id?: string; data: RunStreamEvent } | { event: 'step'; id?: string; data: StepStreamEvent };

export interface SseClient {
  readonly frames: Frame[];
  /** The id of the last frame that had one (what a browser sends back as `Last-Event-ID`). */
  lastId(): string | undefined;
  close(): void;
}

/** Opens `url` and parses its frames (each checked against the contract) until `close()`. */
export async function openStream(url: string, headers: Record<string, string>): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}`);
  const frames: Frame[] = [];
  let last: string | undefined;
  const read = async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          const at = line.indexOf(': ');
          if (at > 0) fields.set(line.slice(0, at), line.slice(at + 2));
        }
        const event = fields.get('event');
        const data = fields.get('data');
        const id = fields.get('id');
        if (id !== undefined) last = id;
        if (event === 'run' && data) frames.push({ event, data: RUN_STREAM_EVENTS.run.parse(JSON.parse(data)) });
        if (event === 'step' && data)
          frames.push({ event, data: RUN_STREAM_EVENTS.step.parse(JSON.parse(data)), ...(id ? { id } : {}) });
      }
    }
  };
  read().catch(() => undefined);
  return { frames, lastId: () => last, close: () => abort.abort() };
}
