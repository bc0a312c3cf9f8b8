import { openDatabase } from '../database.ts';

// Opens the database named on the command line (and, for PostgreSQL, the schema) and applies pending
// migrations, printing their names as JSON. Tests start two of these at once to check that concurrent
// migration is safe.
const [url, schema] = process.argv.slice(2);
if (url === undefined) {
  process.stderr.write('usage: migrate-child.ts DATABASE_URL [SCHEMA]\n');
  process.exit(2);
}
const database = await openDatabase(url, { migrate: false, ...(schema === undefined ? {} : { schema }) });
const applied = await database.migrateToLatest();
await database.close();
process.stdout.write(JSON.stringify(applied));
