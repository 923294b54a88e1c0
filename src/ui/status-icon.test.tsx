import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { STATUS_ICON_SVGS, STATUS_SPRITE_ID, StatusIcon, statusSymbolId } from './status-icon.tsx';

afterEach(cleanup);

describe('StatusIcon', () => {
  it('is a use of its symbol in one sprite of the document, holding GitLab’s own shapes', () => {
    const { container } = render(
      <>
        <StatusIcon status="success" />
        <StatusIcon status="failed" size={24} />
        <StatusIcon status="failed" allowFailure />
      </>,
    );
    const icons = [...container.querySelectorAll('svg.status-icon')];
    expect(icons.map((i) => [i.getAttribute('data-icon'), i.getAttribute('width'), i.querySelector('use')?.getAttribute('href')])).toEqual([
      ['status_success', '16', `#${statusSymbolId('status_success')}`],
      ['status_failed', '24', `#${statusSymbolId('status_failed')}`],
      ['status_warning', '16', `#${statusSymbolId('status_warning')}`],
    ]);
    expect(icons.every((i) => i.children.length === 1)).toBe(true);

    expect(document.querySelectorAll(`#${STATUS_SPRITE_ID}`)).toHaveLength(1);
    const sprite = document.getElementById(STATUS_SPRITE_ID);
    expect(sprite?.getAttribute('aria-hidden')).toBe('true');
    for (const [icon, svg] of Object.entries(STATUS_ICON_SVGS)) {
      const symbol = document.getElementById(statusSymbolId(icon));
      expect(symbol?.parentElement).toBe(sprite);
      expect(symbol?.getAttribute('viewBox')).toBe('0 0 14 14');
      // The file's shapes, as GitLab drew them.
      const shapes = (root: Element | null | undefined) =>
        [...(root?.querySelectorAll('*') ?? [])].map((e) => [e.localName, ...[...e.attributes].filter((a) => a.name !== 'xmlns').map((a) => `${a.name}=${a.value}`)]);
      const file = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
      expect(shapes(symbol)).toEqual(shapes(file));
      expect(shapes(symbol).length).toBeGreaterThan(0);
    }
  });

  it('puts the sprite back when the page lost it', () => {
    render(<StatusIcon status="running" />);
    document.getElementById(STATUS_SPRITE_ID)?.remove();
    cleanup();
    render(<StatusIcon status="running" />);
    expect(document.getElementById(statusSymbolId('status_running'))).not.toBeNull();
  });
});
