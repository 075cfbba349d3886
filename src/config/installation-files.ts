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

/**
 * A file `npm run build` makes in dist/ (the router model, the parsed YAML), found beside the
 * compiled code, or in dist/ when the tests run this code from `src/`. Its path even when the
 * build has not made it: the caller then does without.
 */
export function builtFile(name: string): string {
  const beside = path.join(__dirname, '..', '..', name); // dist/src/config → dist/
  const fromSource = path.join(__dirname, '..', '..', 'dist', name); // src/config under the tests
  return existsSync(beside) || !existsSync(fromSource) ? beside : fromSource;
}
