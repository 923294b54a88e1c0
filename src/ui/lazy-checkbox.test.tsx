import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Radix's checkbox arrives only when a test lets it (`arrive()`): what happens before and after
// it does is then fixed, whatever the machine's speed. Each test starts with a fresh UI kit.
let arrive: () => void = () => undefined;
beforeEach(() => {
  vi.resetModules();
  const gate = new Promise<void>((resolve) => (arrive = resolve));
  vi.doMock('./radix/checkbox-radix.tsx', async () => {
    await gate;
    return vi.importActual('./radix/checkbox-radix.tsx');
  });
});
afterEach(() => {
  cleanup();
  vi.doUnmock('./radix/checkbox-radix.tsx');
});

async function kit() {
  const { Checkbox, checkboxModule } = await import('./checkbox.tsx');
  /** A checkbox that keeps its own state, and every change it reported. */
  function Toggle({ onChange, disabled = false, initial = false }: { onChange(checked: boolean): void; disabled?: boolean; initial?: boolean }) {
    const [checked, setChecked] = useState(initial);
    return (
      <>
        <Checkbox
          checked={checked}
          disabled={disabled}
          describedBy="why"
          onCheckedChange={(next) => {
            onChange(next);
            setChecked(next);
          }}
        >
          Show retried jobs
        </Checkbox>
        <p id="why">Why</p>
      </>
    );
  }
  /** Lets Radix's module arrive and waits until the checkboxes have been drawn with it. */
  const arrived = async () => {
    arrive();
    await act(() => checkboxModule.load());
  };
  return { Toggle, checkboxModule, arrived };
}

const box = () => screen.getByRole('checkbox', { name: 'Show retried jobs' });

/** An element and its subtree as text, attributes sorted: two drawings compare equal when they look the same. */
function drawing(element: Element): string {
  const attributes = [...element.attributes].map((a) => `${a.name}="${a.value}"`).sort();
  return `<${element.localName} ${attributes.join(' ')}>${[...element.childNodes].map((n) => (n instanceof Element ? drawing(n) : (n.textContent ?? ''))).join('')}</${element.localName}>`;
}

describe('Checkbox before and after Radix arrives (decisions 0025, 0027)', () => {
  it('toggles by a click and by its label before Radix is fetched, and a click alone fetches nothing', async () => {
    const { Toggle, checkboxModule } = await kit();
    const onChange = vi.fn();
    render(<Toggle onChange={onChange} />);
    expect(box().getAttribute('aria-checked')).toBe('false');
    fireEvent.click(box());
    expect(onChange).toHaveBeenLastCalledWith(true);
    expect(box().getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByText('Show retried jobs'));
    expect(onChange).toHaveBeenLastCalledWith(false);
    expect(box().getAttribute('aria-checked')).toBe('false');
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(checkboxModule.get()).toBeNull();
  });

  it('toggles by Space (not Enter) before Radix arrives, and is replaced only once the focus has left it', async () => {
    const { Toggle, checkboxModule, arrived } = await kit();
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(
      <>
        <Toggle onChange={onChange} />
        <button type="button">Next</button>
      </>,
    );
    await user.tab();
    const plain = box();
    expect(document.activeElement).toBe(plain);
    await user.keyboard(' ');
    expect(onChange).toHaveBeenLastCalledWith(true);
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(checkboxModule.get()).toBeNull(); // Radix has not arrived

    await arrived();
    expect(box()).toBe(plain); // focused: kept while in use
    expect(document.activeElement).toBe(plain);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Next' }));
    const radix = box();
    expect(radix).not.toBe(plain);
    expect(radix.getAttribute('aria-checked')).toBe('true');
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(radix);
    await user.keyboard(' ');
    expect(onChange).toHaveBeenLastCalledWith(false);
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(box().getAttribute('aria-checked')).toBe('false');
  });

  it('keeps the box the pointer is on until it leaves, so that a press after Radix arrived still reaches it', async () => {
    const { Toggle, arrived } = await kit();
    const onChange = vi.fn();
    render(<Toggle onChange={onChange} />);
    const plain = box();
    fireEvent.pointerEnter(plain, { pointerType: 'mouse' });
    await arrived();
    expect(box()).toBe(plain);
    fireEvent.pointerDown(plain, { pointerType: 'mouse', button: 0 });
    fireEvent.pointerUp(plain, { pointerType: 'mouse', button: 0 });
    fireEvent.click(plain);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith(true);
    fireEvent.pointerLeave(plain, { pointerType: 'mouse' });
    expect(box()).not.toBe(plain);
    expect(box().getAttribute('aria-checked')).toBe('true');
  });

  it('does not lose a click when Radix arrives between the press and the click', async () => {
    const { Toggle, arrived } = await kit();
    const onChange = vi.fn();
    render(<Toggle onChange={onChange} />);
    const plain = box();
    fireEvent.pointerDown(plain, { pointerType: 'touch', button: 0 });
    await arrived();
    expect(box()).toBe(plain); // held until its click
    fireEvent.pointerUp(plain, { pointerType: 'touch', button: 0 });
    fireEvent.click(plain);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith(true);
    // The press over, Radix's box takes the place, as ticked as the plain one was.
    expect(box()).not.toBe(plain);
    expect(box().getAttribute('aria-checked')).toBe('true');
  });

  it('lets a user click one box, then another that Radix arrived under the pointer of', async () => {
    const { Checkbox, checkboxModule } = await import('./checkbox.tsx');
    const changes: string[] = [];
    render(
      <>
        <Checkbox checked={false} onCheckedChange={() => changes.push('triggered')}>
          Triggered by
        </Checkbox>
        <Checkbox checked={false} onCheckedChange={() => changes.push('queued')}>
          Queued
        </Checkbox>
      </>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Triggered by' }));
    const queued = screen.getByRole('checkbox', { name: 'Queued' });
    await user.pointer({ target: queued }); // the pointer moves onto the second box
    arrive();
    await act(() => checkboxModule.load());
    expect(screen.getByRole('checkbox', { name: 'Queued' })).toBe(queued);
    await user.pointer({ keys: '[MouseLeft]', target: queued }); // pressed and released where it was found
    expect(changes).toEqual(['triggered', 'queued']);
  });

  it.each([
    ['unticked', false, false],
    ['ticked', true, false],
    ['disabled', true, true],
  ])('is drawn %s the same before and after Radix arrives', async (_name, initial, disabled) => {
    const { Toggle, arrived } = await kit();
    const { container } = render(<Toggle onChange={() => undefined} initial={initial} disabled={disabled} />);
    const before = drawing(container);
    const plain = box();
    await arrived();
    expect(box()).not.toBe(plain);
    expect(drawing(container)).toBe(before);
    expect(before).toContain(initial ? 'aria-checked="true"' : 'aria-checked="false"');
  });
});
