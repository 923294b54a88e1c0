import { useRef, type CSSProperties } from 'react';
import { useFixedRows } from '../../ui/index.ts';
import { lineAt } from './model/index.ts';

export interface TextPreviewProps {
  text: string;
  /** Line starts (model `lineStarts`). */
  lines: Uint32Array;
  /** Accessible name of the scrollable region: "Contents of build/output.log". */
  label: string;
  /** Draw only the visible lines (large files). */
  virtualise: boolean;
  /** Turns one line into what is shown (e.g. escapes stripped); plain text by default. */
  formatLine?: (line: string) => string;
}

const LINE_HEIGHT = 20;

/** Text with line numbers; a virtual list when the file is large. Every line reaches the DOM as text. */
export function TextPreview({ text, lines, label, virtualise, formatLine }: TextPreviewProps) {
  const count = lines.length;
  const show = (i: number) => {
    const line = lineAt(text, lines, i);
    return formatLine ? formatLine(line) : line;
  };
  if (!virtualise) {
    return (
      <div className="artifact-text" role="region" aria-label={label} tabIndex={0}>
        {Array.from({ length: count }, (_, i) => (
          <Line key={i} number={i + 1} text={show(i)} />
        ))}
      </div>
    );
  }
  return <VirtualText count={count} show={show} label={label} />;
}

function Line({ number, text, style }: { number: number; text: string; style?: CSSProperties }) {
  return (
    <div className="artifact-text__line" style={style}>
      <span className="artifact-text__number" aria-hidden="true">
        {number}
      </span>
      <span className="artifact-text__content">{text === '' ? '\u200b' : text}</span>
    </div>
  );
}

const keyOfLine = (i: number) => i;

/** Every line is one LINE_HEIGHT tall (`white-space: pre`): the window is arithmetic on the scroll offset. */
function VirtualText({ count, show, label }: { count: number; show: (i: number) => string; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { items, totalSize, update } = useFixedRows(scrollRef, count, LINE_HEIGHT, 20, keyOfLine);
  return (
    <div ref={scrollRef} onScroll={update} className="artifact-text artifact-text--virtual" role="region" aria-label={`${label} (${count.toLocaleString('en')} lines, drawn as you scroll)`} tabIndex={0}>
      <div style={{ height: totalSize, position: 'relative' }}>
        {items.map((item) => (
          <Line key={item.key} number={item.index + 1} text={show(item.index)} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: LINE_HEIGHT, transform: `translateY(${item.start}px)` }} />
        ))}
      </div>
    </div>
  );
}
