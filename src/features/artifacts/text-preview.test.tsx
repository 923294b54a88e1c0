import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decidePreview, lineStarts } from './model/index.ts';
import { TextPreview } from './text-preview.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('TextPreview', () => {
  it('numbers every line and shows markup from the file as text', () => {
    const text = 'first\n<b>bold?</b>\n\nlast\n';
    render(<TextPreview text={text} lines={lineStarts(text)} label="Contents of a.txt" virtualise={false} />);
    const region = screen.getByRole('region', { name: 'Contents of a.txt' });
    const numbers = Array.from(region.querySelectorAll('.artifact-text__number'), (n) => n.textContent);
    expect(numbers).toEqual(['1', '2', '3', '4']);
    expect(region.querySelector('b')).toBeNull();
    expect(region.textContent).toContain('<b>bold?</b>');
  });

  it('draws only a window of a large file’s lines', async () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `line ${i + 1} ${'x'.repeat(20)}`).join('\n');
    const decision = decidePreview('big.log', new TextEncoder().encode(text.slice(0, 8192)), text.length);
    expect(decision.virtualise).toBe(true);
    // jsdom lays nothing out: give the scroll box a height so the virtualiser has a window to fill.
    vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(400);
    vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800);
    render(<TextPreview text={text} lines={lineStarts(text)} label="Contents of big.log" virtualise={decision.virtualise} />);
    const region = screen.getByRole('region', { name: /^Contents of big\.log \(50,000 lines, drawn as you scroll\)$/ });
    const numbers = () => Array.from(region.querySelectorAll('.artifact-text__number'), (n) => n.textContent);
    await waitFor(() => expect(numbers()[0]).toBe('1'));
    const drawn = numbers();
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(200);

    // Scrolled to line 30,001 (20 px a line): that line and its neighbours are drawn, the first ones no longer.
    act(() => {
      region.scrollTop = 30_000 * 20;
      fireEvent.scroll(region);
    });
    const after = numbers();
    expect(after).toContain('30001');
    expect(after).not.toContain('1');
    expect(after.length).toBeLessThan(200);
    const line = [...region.querySelectorAll<HTMLElement>('.artifact-text__line')].find((l) => l.querySelector('.artifact-text__number')?.textContent === '30001');
    expect(line?.style.transform).toBe('translateY(600000px)');
    expect(line?.textContent).toContain('line 30001 ');
  });
});
