import type { ReportStatus } from './report';

/** Where a port leads while importing: a CACAO step (resolved later) or one of our nodes. */
export type Target = { cacao: string } | { node: string };

/** A step of the future document, its ports still pointing at CACAO steps. */
export interface DraftNode {
  id: string;
  type: string;
  label: string;
  params: Record<string, unknown>;
  timeout?: string;
  ports: Record<string, Target[]>;
  /** The CACAO step it comes from (for branch ends). */
  from?: string;
}

/** What a step mapping says about one of the step's properties. */
export type KeyNote = { status: ReportStatus; message: string };

export interface MappedStep {
  nodes: DraftNode[];
  /** The node incoming pointers lead to. */
  entry: string;
  keys: Record<string, KeyNote>;
  status: ReportStatus;
  message: string;
}

export function cacao(id: string | undefined): Target[] {
  return id === undefined ? [] : [{ cacao: id }];
}

/** A step label: the CACAO name, cut to our 120 characters. */
export function labelOf(name: string | undefined, fallback: string): string {
  const text = (name ?? '').trim() || fallback;
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
