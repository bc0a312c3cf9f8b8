// Loads the shared checklist schema before anything from the HTTP layer (the order `okk analyze` and
// other commands load it in), then builds the API and prints its OpenAPI document. A test runs this in
// a fresh process, because a test runner's own imports may already have loaded @hono/zod-openapi.
import { checklistSchema } from '../../checklists/checklist.schema.ts';

const { buildApp } = await import('../app.ts');
const { createLogger } = await import('../../lib/logger.ts');
const { API_ROUTES } = await import('../routes/index.ts');

if (!checklistSchema.safeParse({}).error) {
  process.stderr.write('the checklist schema accepted an empty object\n');
  process.exit(1);
}
// Registering the routes and writing the document reads no service, so none is given.
const context = { database: null, services: {}, logger: createLogger({ level: 'silent' }), cookies: { secure: 'never', trustProxy: false }, timeZone: 'UTC' };
const app = buildApp({ context: context as never, webDist: null, routes: API_ROUTES });
const response = await app.request('/api/openapi.json');
process.stdout.write(await response.text());
