import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CallDetail, CallListResponse } from './schemas/calls.schemas.ts';
import type { DisputeView } from './schemas/reviews.schemas.ts';
import type { ApiClient, ApiResponse, SeededApi } from './testing/api-harness.ts';
import { readBody, seedApi } from './testing/api-harness.ts';

interface Operation {
  parameters?: { name: string; in: string; description?: string; schema?: unknown }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, string[]>[];
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const DOCUMENT_KEY = 'okk-openapi';

// ajv-formats is CommonJS with a default export, which reaches ESM as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Lists every operation of the document with its path template and method. */
function operationsOf(document: OpenApiDocument): { path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
}

/** Calls `visit` on every object of a JSON value with its JSON pointer. */
function walk(value: unknown, pointer: string, visit: (node: Record<string, unknown>, pointer: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walk(item, `${pointer}/${index}`, visit);
    });
  } else if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    visit(node, pointer);
    for (const [key, child] of Object.entries(node)) {
      walk(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, visit);
    }
  }
}

/** Finds the path template that serves a URL. A literal segment wins over a `{parameter}`. */
function templateOf(document: OpenApiDocument, url: string): string {
  const pathname = new URL(url, 'http://okk.test').pathname;
  const segments = pathname.split('/');
  const candidates = Object.keys(document.paths).filter((template) => {
    const parts = template.split('/');
    return parts.length === segments.length && parts.every((part, index) => part === segments[index] || /^\{[^}]+\}$/u.test(part));
  });
  const literalCount = (template: string) => template.split('/').filter((part) => !part.startsWith('{')).length;
  const [best] = candidates.sort((left, right) => literalCount(right) - literalCount(left));
  if (best === undefined) {
    throw new Error(`the OpenAPI document has no path for ${pathname}`);
  }
  return best;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} (${error.schemaPath})`);
}

describe('OpenAPI document against live responses', () => {
  let api: SeededApi;
  let document: OpenApiDocument;
  let ajv: Ajv2020;
  let reviewer: ApiClient;
  let admin: ApiClient;
  let marina: ApiClient;
  /** A call of unknown direction, and the call with a dispute about a finding. */
  let undirectedCallId: string;
  let findingDisputeCallId: string;
  let findingDispute: DisputeView;

  beforeAll(async () => {
    api = await seedApi('sqlite');
    reviewer = await api.login('reviewer');
    admin = await api.login('admin');
    marina = await api.login('marina');
    const response = await api.app.request('/api/openapi.json');
    document = (await response.json()) as OpenApiDocument;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema(document, DOCUMENT_KEY);

    // Every sample call has a direction; a call log without one is stored with none.
    undirectedCallId = api.callOf('igor').call.id;
    await api.database.db.updateTable('calls').set({ direction: null }).where('id', '=', undirectedCallId).execute();

    const disputed = api.evaluations.find((evaluation) => evaluation.call.manager?.name === api.managers.marina.name && evaluation.findings.length > 0);
    const finding = disputed?.findings[0];
    if (disputed === undefined || finding === undefined) {
      throw new Error('the samples have no call of Marina with a finding');
    }
    findingDisputeCallId = disputed.call.id;
    const opened = await marina.post<DisputeView>(`/api/v1/calls/${disputed.call.id}/disputes`, {
      target: { type: 'finding', findingKey: `${finding.kind}@${finding.turn}` },
      comment: 'прошу пересмотреть',
    });
    expect(opened.status).toBe(201);
    findingDispute = opened.body;
  });

  afterAll(async () => {
    await api.cleanup();
  });

  /** Checks that the document declares the response's status for the route and that the body fits its schema. */
  function expectConforms(method: string, url: string, response: ApiResponse): void {
    const template = templateOf(document, url);
    const operation = document.paths[template]?.[method];
    const where = `${method.toUpperCase()} ${url} → ${response.status}`;
    expect(operation, where).toBeDefined();
    const declared = operation?.responses[String(response.status)];
    expect(declared, `${where}: status not declared`).toBeDefined();
    if (declared?.content?.['application/json'] === undefined) {
      return;
    }
    const pointer = ['paths', template, method, 'responses', String(response.status), 'content', 'application/json', 'schema']
      .map((part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1')))
      .join('/');
    const validate = ajv.getSchema(`${DOCUMENT_KEY}#/${pointer}`);
    expect(validate, `${where}: no schema`).toBeDefined();
    const valid = validate?.(response.body) ?? false;
    expect(valid ? [] : describeErrors(validate?.errors), where).toEqual([]);
  }

  async function getConforming<T>(client: ApiClient, url: string, status = 200): Promise<ApiResponse<T>> {
    const response = await client.get<T>(url);
    expect(response.status, `GET ${url}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(status);
    expectConforms('get', url, response);
    return response;
  }

  it('calls list with unknown direction', async () => {
    const list = await getConforming<CallListResponse>(reviewer, '/api/v1/calls?limit=500');
    await getConforming(reviewer, '/api/v1/calls?limit=2&withTotal=false&sort=score&order=asc');

    expect(list.body.items.some((item) => item.id === undirectedCallId && item.direction === null)).toBe(true);
  });

  it('every call page and review', async () => {
    for (const evaluation of api.evaluations) {
      await getConforming(reviewer, `/api/v1/calls/${encodeURIComponent(evaluation.call.id)}`);
      await getConforming(reviewer, `/api/v1/calls/${encodeURIComponent(evaluation.call.id)}/review`);
      await getConforming(reviewer, `/api/v1/calls/${encodeURIComponent(evaluation.call.id)}/client-history`);
    }
    const disputed = await getConforming<CallDetail>(reviewer, `/api/v1/calls/${encodeURIComponent(findingDisputeCallId)}`);

    expect(disputed.body.disputes.map((dispute) => dispute.requestedResult)).toContain(null);
  });

  it('disputes about a finding', async () => {
    await getConforming(reviewer, '/api/v1/disputes');
    await getConforming(marina, '/api/v1/disputes?status=open');
    const one = await getConforming<DisputeView>(reviewer, `/api/v1/disputes/${findingDispute.id}`);

    expect(one.body.requestedResult).toBeNull();
  });

  it('report pages', async () => {
    const manager = api.managers.denis.id;
    for (const url of [
      '/api/v1/reports/causes',
      '/api/v1/reports/causes?from=2026-11-01&to=2026-12-05&timeZone=Asia%2FYekaterinburg',
      '/api/v1/reports/comparison',
      `/api/v1/reports/comparison?from=2026-12-01&to=2026-12-05&teamId=${api.teams.kazan.id}`,
      '/api/v1/reports/trends?weeks=4',
      '/api/v1/reports/problem-calls?date=2026-12-03',
      '/api/v1/reports/problem-calls',
      `/api/v1/managers/${manager}/coaching`,
    ]) {
      await getConforming(reviewer, url);
    }
  });

  it('outcomes with rates not computed', async () => {
    await getConforming(reviewer, '/api/v1/outcomes');
    await getConforming(reviewer, '/api/v1/outcomes?from=2026-11-01&to=2026-12-05&since=2026-11-15');
    await getConforming(reviewer, `/api/v1/managers/${api.managers.anna.id}/outcomes`);
  });

  it('users, checklists and references', async () => {
    const users = await getConforming<{ items: { id: number }[] }>(admin, '/api/v1/users');
    await getConforming(admin, `/api/v1/users/${users.body.items[0]?.id ?? 0}`);
    await getConforming(admin, '/api/v1/checklists');
    await getConforming(admin, `/api/v1/checklists/${api.checklist.id}`);
    await getConforming(admin, `/api/v1/checklists/${api.checklist.id}/versions/${api.checklist.version}`);
    for (const url of ['/api/v1/session', '/api/v1/managers', '/api/v1/teams', '/api/v1/reference']) {
      await getConforming(reviewer, url);
    }
  });

  it('JSON body errors before handlers', async () => {
    const url = '/api/v1/users';
    const raw = async (contentType: string, body: string): Promise<ApiResponse> => {
      const response = await api.app.request(url, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': contentType }, body });
      return { status: response.status, headers: response.headers, body: await readBody(response) };
    };
    const responses = [
      await raw('application/json', '{"login": '),
      await raw('text/plain', 'login=x'),
      await admin.post(url, { login: 'big', role: 'admin', displayName: 'а'.repeat(700 * 1024) }),
      await admin.post(url, { login: 'a b', role: 'admin' }),
    ];

    expect(responses.map((response) => response.status)).toEqual([400, 415, 413, 422]);
    for (const response of responses) {
      expectConforms('post', url, response);
    }
  });

  it('calls list errors', async () => {
    await getConforming(reviewer, '/api/v1/calls?scoreMax=101', 422);
    await getConforming(reviewer, '/api/v1/calls/no-such-call', 404);
  });

  it('patterns without slashes or flags', () => {
    const patterns: string[] = [];
    walk(document, '', (node, pointer) => {
      if (typeof node.pattern === 'string') {
        patterns.push(`${pointer}: ${node.pattern}`);
      }
    });

    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.filter((entry) => /(?<!\\)\/[dgimsuvy]*$/u.test(entry))).toEqual([]);
    for (const entry of patterns) {
      const pattern = entry.slice(entry.indexOf(': ') + 2);
      expect(() => new RegExp(pattern, 'u'), entry).not.toThrow();
    }
  });

  it('defaults of the declared type', () => {
    const wrong: string[] = [];
    walk(document, '', (node, pointer) => {
      if ('default' in node && (typeof node.type === 'string' || Array.isArray(node.type))) {
        const { default: value, ...schema } = node;
        if (!ajv.validate(schema, value)) {
          wrong.push(`${pointer}: ${JSON.stringify(value)}`);
        }
      }
    });

    expect(wrong).toEqual([]);
  });

  it('null on nullable named schemas', () => {
    // zod-to-openapi writes `.nullable()` of a named schema as a nullable component, or as `allOf` of
    // the reference and a nullable type, which null can never satisfy.
    const allowsNull = (schema: unknown) => {
      const type = (schema as { type?: unknown }).type;
      return type === 'null' || (Array.isArray(type) && type.includes('null'));
    };
    const nullableComponents = Object.entries(document.components.schemas)
      .filter(([, schema]) => allowsNull(schema))
      .map(([name]) => name);
    const allOfWithNull: string[] = [];
    walk(document, '', (node, pointer) => {
      if (Array.isArray(node.allOf) && node.allOf.some((member) => allowsNull(member))) {
        allOfWithNull.push(pointer);
      }
    });

    expect(nullableComponents).toEqual([]);
    expect(allOfWithNull).toEqual([]);
  });

  it('CSRF token only on changes', () => {
    for (const { path, method, operation } of operationsOf(document)) {
      const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
      if (method === 'get' || method === 'head') {
        expect(schemes, `${method} ${path}`).not.toContain('csrfToken');
      } else if (schemes.includes('sessionCookie')) {
        expect(schemes, `${method} ${path}`).toContain('csrfToken');
      }
    }
  });

  it('JSON body routes declare 400, 413, 415', () => {
    const routes = operationsOf(document).filter(({ operation }) => operation.requestBody?.content['application/json'] !== undefined);

    expect(routes.length).toBeGreaterThanOrEqual(16);
    for (const { path, method, operation } of routes) {
      expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '413', '415']));
    }
    expect(Object.keys(document.paths['/api/v1/integrations/alerts/test']?.post?.responses ?? {})).toContain('409');
  });

  it('query parameters of calls and reports', () => {
    for (const path of ['/api/v1/calls', '/api/v1/reports/causes', '/api/v1/reports/comparison', '/api/v1/reports/trends', '/api/v1/reports/problem-calls']) {
      const missing = (document.paths[path]?.get?.parameters ?? []).filter((parameter) => parameter.in === 'query' && !(parameter.description ?? '').trim()).map((parameter) => parameter.name);

      expect(missing, path).toEqual([]);
    }
  });
});
