import type { ReactNode, Ref } from 'react';
import type { Highlight } from './syntax';

interface BackdropProps {
  text: string;
  highlights: readonly Highlight[];
  ref?: Ref<HTMLDivElement>;
}

/**
 * The text again, behind a transparent input, with `{{ }}` parts and syntax errors
 * marked: highlighting without an editor library. Hidden from assistive technology;
 * the same facts are given as text under the field.
 */
export function Backdrop({ text, highlights, ref }: BackdropProps) {
  const pieces: ReactNode[] = [];
  let at = 0;
  [...highlights]
    .sort((a, b) => a.from - b.from)
    .forEach((h, i) => {
      if (h.from < at) return;
      if (h.from > at) pieces.push(text.slice(at, h.from));
      pieces.push(
        <mark key={i} className={h.bad ? 'pf-mark pf-mark-bad' : 'pf-mark'}>
          {text.slice(h.from, h.to)}
        </mark>,
      );
      at = h.to;
    });
  pieces.push(text.slice(at), '\u00a0'); // keeps the line of a trailing newline
  return (
    <div ref={ref} className="pf-backdrop" aria-hidden="true">
      {pieces}
    </div>
  );
}
