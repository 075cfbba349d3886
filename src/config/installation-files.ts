import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * A file shipped with Lotsen (migrations, the bundled catalog). The same code runs from `src/`
 * under the tests and from `dist/src/` after the build, so look upwards from here.
 */
export function projectPath(relative: string, from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${relative} is missing from the Lotsen installation (looked above ${from})`);
  }
}
