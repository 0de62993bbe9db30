import type { Highlighted } from './types';

/** A text with the server's [start, end) ranges marked. */
export function HighlightText({ value }: { value: Highlighted }) {
  const parts = [];
  let at = 0;
  value.ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(<span key={`t${i}`}>{value.text.slice(at, start)}</span>);
    parts.push(<mark key={`m${i}`} style={{ background: '#ffe58f', padding: 0 }}>{value.text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < value.text.length) parts.push(<span key="rest">{value.text.slice(at)}</span>);
  return <>{parts}</>;
}
