import { rmSync } from 'node:fs';
import path from 'node:path';
import { MADE_TEMPLATE_PREFIX } from './global-setup';

/** Removes the template cluster global-setup.ts made; the build's own stays. */
export default function globalTeardown(): void {
  const template = process.env.LOTSEN_TEST_PGLITE_TEMPLATE;
  if (template && path.basename(path.dirname(template)).startsWith(MADE_TEMPLATE_PREFIX)) rmSync(path.dirname(template), { recursive: true, force: true });
}
