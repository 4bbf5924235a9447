// Files of the tearlab package itself, found from this module whether it runs compiled (dist/src) or as
// TypeScript source (src, under vitest).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('tearlab: cannot find its own package.json');
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const TEARLAB_VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
