import type { Segment } from '../../../preload/contract';

/** Marks matched words with <mark>; the text stays text, never HTML from the index. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
