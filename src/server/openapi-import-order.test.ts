import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface OpenApiDocument {
  paths: Record<string, unknown>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; $ref?: string }> };
}

describe('OpenAPI document', () => {
  it('builds when the checklist schema loads first', async () => {
    const child = path.join(import.meta.dirname, 'testing', 'openapi-child.ts');
    const tsx = path.join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');

    const { stdout } = await run(tsx, [child], { maxBuffer: 16 * 1024 * 1024 });
    const document = JSON.parse(stdout) as OpenApiDocument;

    expect(Object.keys(document.components.schemas.Checklist?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'version', 'title', 'criteria', 'findings', 'forbiddenPhrases', 'settings']),
    );
    expect(document.components.schemas.ChecklistDetail?.properties?.checklist).toEqual({ $ref: '#/components/schemas/Checklist' });
    expect(document.paths).toHaveProperty('/api/v1/checklists/{checklistId}');
  });
});
