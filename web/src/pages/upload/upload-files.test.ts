import { describe, expect, it } from 'vitest';

import { groupWithMetadata } from './upload-files.ts';

function file(name: string): File {
  return new File(['x'], name);
}

function names(groups: File[][]): string[][] {
  return groups.map((group) => group.map((item) => item.name));
}

describe('groupWithMetadata', () => {
  it('sends a metadata file with its call file', () => {
    const groups = groupWithMetadata([file('02-zvonok.meta.json'), file('01-zvonok.wav'), file('02-zvonok.txt')]);

    expect(names(groups)).toEqual([['01-zvonok.wav'], ['02-zvonok.txt', '02-zvonok.meta.json']]);
  });

  it('sends a metadata file without its call file alone', () => {
    expect(names(groupWithMetadata([file('odin.meta.json')]))).toEqual([['odin.meta.json']]);
  });

  it('keeps Cyrillic names together', () => {
    expect(names(groupWithMetadata([file('звонок.mp3'), file('звонок.meta.json')]))).toEqual([['звонок.mp3', 'звонок.meta.json']]);
  });
});
