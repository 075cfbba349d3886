import { rmSync } from 'node:fs';
import path from 'node:path';

export default function globalTeardown(): void {
  const template = process.env.LOTSEN_TEST_PGLITE_TEMPLATE;
  if (template) rmSync(path.dirname(template), { recursive: true, force: true });
}
