// Where node-gyp finds Node's headers and common.gypi: npm's nodedir, beside the node binary, or node-gyp's cache.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The directory holding node_api.h and common.gypi, or undefined when none is found. */
export function nodeHeaders(): string | undefined {
  const candidates = [
    process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include', 'node'),
    path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node'),
    path.join(os.homedir(), '.cache', 'node-gyp', process.versions.node, 'include', 'node'),
  ];
  return candidates.find((dir): dir is string => !!dir && existsSync(path.join(dir, 'node_api.h')));
}
