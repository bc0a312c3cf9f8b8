import { describe, expect, it } from 'vitest';

import { disputedResult } from './review-actions.ts';

describe('disputedResult', () => {
  it.each([
    ['failed', 'passed'],
    ['not_applicable', 'passed'],
    ['passed', 'not_applicable'],
  ] as const)('asks for another verdict than %s: %s', (current, requested) => {
    expect(disputedResult(current)).toBe(requested);
  });
});
