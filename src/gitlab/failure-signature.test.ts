import { describe, expect, it } from 'vitest';
import { failureSignature, groupByCause } from './failure-signature.ts';

describe('failureSignature', () => {
  // Pairs of lines and whether they are the same failure.
  it.each([
    // the same failure with different numbers, ids, paths, times and hex joins
    ['PG::ConnectionBad: connection to server at "postgres" (172.17.0.3), port 5432 failed: Connection refused',
     'PG::ConnectionBad: connection to server at "postgres" (172.17.0.7), port 5432 failed: Connection refused', true],
    ["TypeError: Cannot read properties of undefined (reading 'price') at src/cart/line-item.ts:41:8",
     "TypeError: Cannot read properties of undefined (reading 'price') at src/cart/line-item.ts:48:15", true],
    ['Error: Timed out after 599000ms waiting for emulator-5556 to boot', 'Error: Timed out after 592000ms waiting for emulator-5570 to boot', true],
    ['error: Unable to boot simulator iPhone 15 (6F3A0061-41C2-9D1E-0A7B3C5E3E8)', 'error: Unable to boot simulator iPhone 15 (6F3A00C2-41C2-9D1E-0A7B3C5E3E9)', true],
    ['2024-05-22T12:43:46.962646Z ERROR: lock held since 12:40:01', '2025-01-02T08:00:00.000001Z ERROR: lock held since 07:59:59', true],
    ['fatal: reference is not a tree: b08c5842aa9f', 'fatal: reference is not a tree: 5e04bb8c1d2e', true],
    ['segfault at 0x7ffd3a2b1c00', 'segfault at 0x0000000000000008', true],
    ['ENOENT: no such file or directory, open /builds/acme/app/tmp/cache-1.json', 'ENOENT: no such file or directory, open /builds/acme/web/tmp/cache-9.json', true],
    ['curl: (7) Failed to connect to https://registry.example.com/v2/app port 443', 'curl: (7) Failed to connect to https://mirror.example.org/v2/x port 443', true],
    ['  Failure/Error:   expect(total).to eq(10)', 'Failure/Error: expect(total).to eq(12)', true],
    // the same failure in different words stays apart
    ['PG::ConnectionBad: Connection refused', 'PG::ConnectionBad: password authentication failed', false],
    ['Error: Timed out waiting for emulator', 'Error: Timed out waiting for simulator', false],
    ["TypeError: Cannot read properties of undefined (reading 'price')", "TypeError: Cannot read properties of undefined (reading 'total')", false],
    ['ERROR: Job failed: exit code 1', 'ERROR: Job failed (system failure): exit code 1', false],
    ['error: connect ECONNREFUSED', 'Error: connect ECONNREFUSED', false],
    // words that look like hex are words
    ['error: deadbeef cafe failed', 'error: decade faded failed', false],
  ] as const)('%s | %s → same: %s', (a, b, same) => {
    expect(failureSignature(a) === failureSignature(b)).toBe(same);
  });

  it.each([
    ['port 5432 on 10.0.0.1:5432', 'port <n> on <ip>'],
    ['at ./spec/models/user_spec.rb:42:in `block`', 'at <path>:in `block`'],
    ['took 1.25s   and  3 retries', 'took <n>s and <n> retries'],
    ['commit b08c584 by Alice', 'commit <hex> by Alice'],
    ['see https://docs.gitlab.com/ee/ci/ now', 'see <url> now'],
  ] as const)('%s → %s', (line, signature) => {
    expect(failureSignature(line)).toBe(signature);
  });
});

describe('groupByCause', () => {
  it('groups by signature, largest first, lines missing apart', () => {
    const items = [
      { id: 1, line: 'Connection refused postgres:5432 (try 1)' },
      { id: 2, line: 'AssertionError: expected 3 to equal 4' },
      { id: 3, line: 'Connection refused postgres:5432 (try 2)' },
      { id: 4, line: null },
      { id: 5, line: 'Connection refused postgres:5432 (try 3)' },
    ];
    const groups = groupByCause(items, (i) => i.line);
    expect(groups.map((g) => g.items.map((i) => i.id))).toEqual([[1, 3, 5], [2], [4]]);
    expect(groups[2]?.signature).toBe('');
  });
});
