import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogRow, type LogRowProps } from './log-row.tsx';
import { LOG_HTML_OPTIONS } from './log-palette.ts';
import { LINE_STDERR, type LogSection } from './model/log-index.ts';
import type { LogLine } from './model/log-protocol.ts';
import { createLogClient } from './model/log-worker-client.ts';

afterEach(cleanup);

// A line and a section header as the index hands them to the viewer.
const client = createLogClient({ mode: 'inline' });
let DATA: LogLine;
let HEADER: LogSection;
beforeAll(async () => {
  const summary = await client.replace('section_start:1716380000:build\r\x1b[0KBuilding\nhello <b>\nsection_end:1716380075:build\r\x1b[0K');
  const [line] = await client.lines(1, 2, LOG_HTML_OPTIONS);
  if (!line || !summary.sections[0]) throw new Error('the index gave no line or section');
  DATA = line;
  HEADER = summary.sections[0];
});
afterAll(() => client.dispose());

function row(props: Partial<LogRowProps> = {}) {
  const base: LogRowProps = { index: 2, line: 4, start: 40, data: DATA, header: undefined, collapsed: false, selected: false, isMatch: false, marks: [], time: null, href: null, onLineClick: vi.fn(), onToggle: vi.fn() };
  return render(<LogRow {...base} {...props} />);
}

describe('LogRow', () => {
  it('draws the escaped line at its place, numbered from one', () => {
    row();
    const item = screen.getByRole('listitem');
    expect(item.textContent).toContain('5hello <b>');
    expect(item.querySelector('.log-row__indent')?.getAttribute('style')).toContain('1.25ch');
    expect(item.querySelector('b')).toBeNull();
    expect(item.getAttribute('style')).toContain('translateY(40px)');
    expect(item.getAttribute('data-line')).toBe('5');
  });

  it('links the line number to its permalink and reports the click', async () => {
    const onLineClick = vi.fn();
    row({ href: '/job#L5', selected: true, onLineClick });
    const link = screen.getByRole('link', { name: '5' });
    expect(link.getAttribute('aria-current')).toBe('location');
    await userEvent.click(link);
    expect(onLineClick).toHaveBeenCalledWith(expect.anything(), 4);
    expect(screen.getByRole('listitem').className).toContain('is-selected');
  });

  it('folds a section header, with its duration', async () => {
    const onToggle = vi.fn();
    row({ header: HEADER, collapsed: true, onToggle });
    await userEvent.click(screen.getByRole('button', { name: 'Expand section build' }));
    expect(onToggle).toHaveBeenCalledWith(HEADER);
    expect(screen.getByRole('listitem').textContent).toContain('01:15');
  });

  it('marks search matches, stderr, the time and a line cut at the display ceiling', () => {
    row({ marks: [{ start: 0, end: 5, current: true }], isMatch: true, time: '12:00:01.000', data: { ...DATA, flags: LINE_STDERR, hidden: 12_345 } });
    const item = screen.getByRole('listitem');
    expect(item.querySelector('mark')?.textContent).toBe('hello');
    expect(item.className).toContain('is-match');
    expect(item.className).toContain('is-stderr');
    expect(item.textContent).toContain('12:00:01.000');
    expect(item.textContent).toContain('12,345 more characters');
  });
});
