import type { EditorEdge, EditorGraph, EditorNode } from '../compile/types';
import { gatewayParams } from './gateway';

/** Builds a graph left to right: each segment starts from the previous segment's exit. */
class GraphBuilder {
  readonly nodes: EditorNode[] = [];
  readonly edges: EditorEdge[] = [];
  private column = 0;

  node(nodeType: string, params: Record<string, unknown>, row = 0): string {
    const id = `n${this.nodes.length}`;
    const position = { x: this.column * 240, y: row * 140 };
    this.nodes.push({ id, type: nodeType, position, data: { nodeType, params } });
    return id;
  }

  edge(source: string, target: string, port?: string): void {
    // Leaving `out` implicit half the time exercises the compiler's default port.
    const sourceHandle = port ?? (this.edges.length % 2 === 0 ? 'out' : null);
    this.edges.push({ id: `e${this.edges.length}`, source, target, sourceHandle });
  }

  next(): void {
    this.column++;
  }
}

/** What an expression reads to depend on `id`: the trigger has no output, its event stands in. */
const outputOf = (id: string) => (id === 'n0' ? 'event' : `steps.${id}.output`);

const PATH = '/{{ event.tenant }}/actions';

/** A segment: wires nodes after `prev` and returns the exit node and how many nodes it added. */
type Segment = { size: number; build(g: GraphBuilder, prev: string): string };

const enrichOrNotify: Segment = {
  size: 4,
  build(g, prev) {
    const cond = g.node('condition', {
      predicate: `$exists(${outputOf(prev)}) or event.severity in ["high", "critical"]`,
    });
    g.edge(prev, cond);
    g.next();
    const enrich = g.node('http', { url: 'https://intel.example/ip/{{ event.source_ip }}', headers: {}, query: {} });
    const notify = g.node(
      'connector',
      gatewayParams(
        'notify',
        { text: 'Low risk: {{ event.title }}', to: '#soc', message: 'Low risk: {{ event.title }}' },
        'notify-slack',
      ),
      1,
    );
    g.edge(cond, enrich, 'true');
    g.edge(cond, notify, 'false');
    g.next();
    const merge = g.node('transform', { expression: `{ "score": steps.${enrich}.output.body.score, "seen": true }` });
    g.edge(enrich, merge);
    g.edge(notify, merge);
    return merge;
  },
};

const fanOut: Segment = {
  size: 5,
  build(g, prev) {
    const par = g.node('parallel', {});
    g.edge(prev, par);
    g.next();
    const branches = [
      g.node('http', { url: 'https://edr.example/hosts/{{ event.host }}' }),
      g.node('http', { url: 'https://idp.example/users/{{ event.user }}', method: 'GET' }, 1),
      g.node('transform', { expression: `${outputOf(prev)} ~> $merge` }, 2),
    ];
    g.next();
    const join = g.node('join', { mode: 'all' });
    for (const b of branches) {
      g.edge(par, b, 'branches');
      g.edge(b, join);
    }
    return join;
  },
};

const perIndicator: Segment = {
  size: 4,
  build(g, prev) {
    const each = g.node('foreach', { items: 'event.indicators', concurrency: 5 });
    g.edge(prev, each);
    g.next();
    const pick = g.node('transform', { expression: 'item.value' }, 1);
    const look = g.node('http', { url: `https://intel.example/ioc/{{ steps.${pick}.output }}` }, 2);
    g.edge(each, pick, 'item');
    g.edge(pick, look);
    g.edge(look, each); // closes the body
    g.next();
    const count = g.node('transform', { expression: `$count(event.indicators) + $count(${outputOf(prev)})` });
    g.edge(each, count, 'done');
    return count;
  },
};

const approveAndBlock: Segment = {
  size: 4,
  build(g, prev) {
    const ask = g.node('approval', {
      approvers: { users: [], roles: ['soc-lead'] },
      timeout: '4h',
      message: `Block {{ event.source_ip }} (score {{ ${outputOf(prev)} }})?`,
      escalation: [{ after: '1h', approvers: { roles: ['soc-manager'] } }],
    });
    g.edge(prev, ask);
    g.next();
    const block = g.node(
      'connector',
      gatewayParams('block_ip', { ip: '{{ event.source_ip }}', reason: 'Playbook {{ event.id }}', path: PATH }),
    );
    const stop = g.node('end', { status: 'failed', message: `Rejected by {{ ${outputOf(ask)}.by }}` }, 1);
    g.edge(ask, block, 'approved');
    g.edge(ask, stop, 'rejected');
    g.next();
    const wait = g.node('delay', { duration: '30s' });
    g.edge(block, wait);
    return wait;
  },
};

const byKind: Segment = {
  size: 5,
  build(g, prev) {
    const sw = g.node('switch', {
      value: 'event.kind',
      cases: [
        { port: 'phishing', equals: 'phishing' },
        { port: 'malware', equals: 'malware', label: 'Malware' },
      ],
    });
    g.edge(prev, sw);
    g.next();
    const mail = g.node(
      'connector',
      gatewayParams(
        'notify',
        { text: '*Phish*\n{{ event.title }}', to: 'soc@example.com', subject: 'Phish', message: '{{ event.title }}' },
        'notify-email',
      ),
    );
    const isolate = g.node(
      'connector',
      gatewayParams('isolate_host', { host: '{{ event.host }}', reason: 'malware', path: PATH }),
      1,
    );
    const other = g.node('transform', { expression: `steps.${sw}.output` }, 2);
    g.edge(sw, mail, 'phishing');
    g.edge(sw, isolate, 'malware');
    g.edge(sw, other, 'default');
    g.next();
    const merge = g.node('transform', { expression: `"handled " & event.kind` });
    for (const n of [mail, isolate, other]) g.edge(n, merge);
    return merge;
  },
};

const SEGMENTS: readonly Segment[] = [enrichOrNotify, fanOut, perIndicator, approveAndBlock, byKind];

/**
 * A realistic, valid graph of exactly `n` nodes (n ≥ 2): a webhook trigger, then
 * segments of conditions, parallel fan-outs with joins, for-each loops, approvals with
 * containment and switches, chained so that each reads the previous one's output, and
 * an End. Pure and deterministic: the benchmark and property tests rely on it.
 */
export function generateChainGraph(n: number): EditorGraph {
  const g = new GraphBuilder();
  const metadata = { name: `Generated playbook (${n} nodes)`, tags: ['generated'] };
  if (n < 1) return { nodes: [], edges: [], metadata };
  let prev = g.node('trigger.webhook', { dedupeKey: '{{ event.id }}' });
  let left = n - 2;
  for (let i = 0; left > 0; i++) {
    const segment = SEGMENTS[i % SEGMENTS.length];
    g.next();
    if (segment && segment.size <= left) {
      prev = segment.build(g, prev);
      left -= segment.size;
    } else {
      const pad = g.node('transform', { expression: outputOf(prev) });
      g.edge(prev, pad);
      prev = pad;
      left -= 1;
    }
  }
  if (n >= 2) {
    g.next();
    const end = g.node('end', { status: 'succeeded', message: 'Done: {{ event.id }}' });
    g.edge(prev, end);
  }
  return { nodes: g.nodes, edges: g.edges, metadata };
}
