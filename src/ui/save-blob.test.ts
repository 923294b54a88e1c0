// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveBlobAs } from './save-blob.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('saveBlobAs', () => {
  it('clicks a hidden download link for the blob, then lets the URL go', () => {
    vi.useFakeTimers();
    const create = vi.fn(() => 'blob:http://app/1');
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    saveBlobAs(new Blob(['log']), 'job-7.log');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('job-7.log');
    expect(clicked[0]?.href).toBe('blob:http://app/1');
    expect(document.querySelector('a[download]')).toBeNull();
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(revoke).toHaveBeenCalledWith('blob:http://app/1');
  });
});
