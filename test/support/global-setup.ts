/**
 * Says loudly what will not run. CI must run everything: there a missing PostgreSQL is an error.
 */
export default function globalSetup(): void {
  if (process.env.TEST_DATABASE_URL) return;
  const message = 'TEST_DATABASE_URL is not set: database tests run on PGlite only, NOT on PostgreSQL.';
  if (process.env.CI) throw new Error(`${message} CI must run them on both (see .ci/run).`);
  process.stderr.write(`\n\u001b[33m⚠ ${message}\u001b[0m\n\n`);
}
