// What several test files need from this repository, written once so that it works on Windows too: file paths from
// file URLs (a URL's pathname there is `/D:/...`), the addon as node-gyp-build finds it, an npm package's command run
// with this Node (node_modules/.bin holds `.cmd` shims on Windows, which spawn cannot start without a shell), and
// tests skipped on Windows with the reason printed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The repository's root folder, as a path of this platform. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const nodeGypBuild = require('node-gyp-build') as ((dir: string) => unknown) & { path(dir: string): string };

/** The addon's file, found as the package finds it (build/Release, else the prebuild; the prebuild alone under PREBUILDS_ONLY). */
export const BINDING_PATH = nodeGypBuild.path(ROOT);

/** The addon, loaded from BINDING_PATH. */
export const binding: any = require(BINDING_PATH);

/** The JavaScript file behind command `name` of the installed package `pkg`: run it as `[process.execPath, file, ...args]`. */
export function packageBin(pkg: string, name: string = pkg.split('/').pop()!): string {
  const dir = path.join(ROOT, 'node_modules', ...pkg.split('/'));
  const { bin } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
  const file = typeof bin === 'string' ? bin : bin?.[name];
  if (!file) throw new Error(`${pkg} has no command ${name}`);
  return path.join(dir, file);
}

/** Whether to skip a POSIX-only test here: true on Windows, where it prints `reason` once. */
export function skipOnWindows(reason: string): boolean {
  if (process.platform !== 'win32') return false;
  console.log(`skipped on Windows: ${reason}`);
  return true;
}
