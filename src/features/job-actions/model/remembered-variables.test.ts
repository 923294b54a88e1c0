import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../config/index.ts';
import { createRememberedVariablesStore, REMEMBERED_VARIABLES_CAP, REMEMBERED_VARIABLES_STORAGE_KEY } from './remembered-variables.ts';

describe('remembered play variables', () => {
  it('offers the last variables per host, project and job name', () => {
    const store = createRememberedVariablesStore(memoryStorage());
    store.save('https://gitlab.example.com', 1, 'deploy-production', [
      { key: 'REGION', value: 'eu', masked: false },
      { key: 'DRY_RUN', value: 'true', masked: false },
    ]);
    expect(store.get('https://gitlab.example.com/', 1, 'deploy-production')).toEqual([
      { key: 'REGION', value: 'eu', masked: false },
      { key: 'DRY_RUN', value: 'true', masked: false },
    ]);
    expect(store.get('https://gitlab.example.com', 2, 'deploy-production')).toBeNull();
    expect(store.get('https://other.example.com', 1, 'deploy-production')).toBeNull();
    expect(store.get('https://gitlab.example.com', 1, 'deploy-staging')).toBeNull();
  });

  it('never stores a masked value, only its key', () => {
    const storage = memoryStorage();
    const store = createRememberedVariablesStore(storage);
    store.save('h', 1, 'deploy', [
      { key: 'TOKEN', value: 's3cr3t', masked: true },
      { key: 'A', value: '1', masked: false },
    ]);
    expect(storage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).not.toContain('s3cr3t');
    expect(store.get('h', 1, 'deploy')).toEqual([
      { key: 'TOKEN', masked: true },
      { key: 'A', value: '1', masked: false },
    ]);
  });

  it('forgets on request, and when saving no variables', () => {
    const storage = memoryStorage();
    const store = createRememberedVariablesStore(storage);
    store.save('h', 1, 'deploy', [{ key: 'A', value: '1', masked: false }]);
    store.forget('h', 1, 'deploy');
    expect(store.get('h', 1, 'deploy')).toBeNull();
    expect(storage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).toBeNull();
    store.save('h', 1, 'deploy', [{ key: 'A', value: '1', masked: false }]);
    store.save('h', 1, 'deploy', [{ key: ' ', value: '', masked: false }]);
    expect(store.get('h', 1, 'deploy')).toBeNull();
  });

  it('keeps the newest entries only, and survives garbage in storage', () => {
    const storage = memoryStorage();
    let t = 0;
    const store = createRememberedVariablesStore(storage, () => ++t);
    for (let i = 0; i <= REMEMBERED_VARIABLES_CAP; i++) store.save('h', 1, `job-${i}`, [{ key: 'I', value: String(i), masked: false }]);
    expect(store.get('h', 1, 'job-0')).toBeNull();
    expect(store.get('h', 1, `job-${REMEMBERED_VARIABLES_CAP}`)).toEqual([{ key: 'I', value: String(REMEMBERED_VARIABLES_CAP), masked: false }]);
    storage.setItem(REMEMBERED_VARIABLES_STORAGE_KEY, '{not json');
    expect(store.get('h', 1, 'job-1')).toBeNull();
    storage.setItem(REMEMBERED_VARIABLES_STORAGE_KEY, JSON.stringify([{ id: 7 }, 'x', null]));
    expect(store.get('h', 1, 'job-1')).toBeNull();
  });

  it('keeps the sound entries and variables of a partly broken store', () => {
    const storage = memoryStorage();
    const store = createRememberedVariablesStore(storage, () => 1);
    store.save('h', 1, 'deploy', [{ key: 'A', value: '1', masked: false }]);
    const [entry] = JSON.parse(storage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY) ?? '[]') as [{ id: string }];
    storage.setItem(
      REMEMBERED_VARIABLES_STORAGE_KEY,
      JSON.stringify([{ id: 'other', usedAt: 'yesterday', variables: [] }, { ...entry, usedAt: 1, variables: [{ key: 'A', value: 1, masked: false }, { value: 'no key' }, { key: 'S', masked: true }, 'x'] }]),
    );
    expect(store.get('h', 1, 'deploy')).toEqual([
      { key: 'A', masked: false },
      { key: 'S', masked: true },
    ]);
  });
});
