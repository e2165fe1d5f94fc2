/**
 * Puts minified profile frames back into source terms with the bundle's source maps
 * (Vite writes them next to the assets; the server serves them): a function and file,
 * and the package or client folder it belongs to.
 */
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

export interface Origin {
  /** `function file:line`, e.g. `updateNodeInternals node_modules/@xyflow/system/dist/esm/index.js:2215`. */
  where: string;
  /** `@xyflow/react`, `react-dom`, `client/src/editor/store`, or the bundle when unmapped. */
  owner: string;
}

const consumers = new Map<string, Promise<SourceMapConsumer | null>>();

async function consumerFor(url: string): Promise<SourceMapConsumer | null> {
  let c = consumers.get(url);
  if (!c) {
    c = fetch(`${url}.map`)
      .then(async (r) => (r.ok ? new SourceMapConsumer((await r.json()) as RawSourceMap) : null))
      .catch(() => null);
    consumers.set(url, c);
  }
  return c;
}

/** The package (`node_modules/<pkg>`), `workflow/src`, or client folder (`client/src/<a>/<b>`) of a source path. */
export function ownerOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg?.[1]) return pkg[1];
  if (/workflow\/src\//.test(source)) return 'workflow/src';
  // Client sources are mapped relative to client/ (`src/editor/panel/CodeInput.tsx`).
  const client = /(?:^|\/)src\/([^/]+(?:\/[^/.]+)?)/.exec(source);
  if (client?.[1]) return `client/src/${client[1]}`;
  return source.split('/').slice(-2).join('/');
}

/** Where a generated (0-based) line and column of `url` came from. */
export async function originOf(url: string, line: number, column: number, fallbackName: string): Promise<Origin> {
  const file = url.split('/').pop() ?? url;
  const consumer = url.startsWith('http') ? await consumerFor(url) : null;
  const pos = consumer?.originalPositionFor({ line: line + 1, column });
  if (!pos?.source) return { where: `${fallbackName} ${file}:${line + 1}`, owner: url ? file : '(native)' };
  const source = pos.source.replace(/^(\.\.\/)+/, '');
  return { where: `${pos.name ?? fallbackName} ${source}:${pos.line}`, owner: ownerOf(source) };
}
