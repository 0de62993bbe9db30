import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve('scripts/build-if-stale.mjs');

// Exit code of `--check` in a project folder: 0 when dist/ was built from these sources, 1 when not.
function check(dir: string): number {
  return spawnSync(process.execPath, [SCRIPT, '--check'], { cwd: dir }).status ?? -1;
}

describe('npm start builds only when the sources changed (scripts/build-if-stale.mjs)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'build-stamp-'));
    await mkdir(join(dir, 'libs/a/src'), { recursive: true });
    await mkdir(join(dir, 'apps/api/src'), { recursive: true });
    await writeFile(join(dir, 'libs/a/src/a.ts'), 'export const a = 1;\n');
    await writeFile(join(dir, 'apps/api/src/main.ts'), 'import "a";\n');
    await writeFile(join(dir, 'package-lock.json'), '{}\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is stale with no stamp, fresh once stamped, stale again when a source or the lockfile changes', async () => {
    expect(check(dir)).toBe(1);
    execFileSync(process.execPath, [SCRIPT, '--stamp'], { cwd: dir });
    expect(check(dir)).toBe(0);
    await writeFile(join(dir, 'libs/a/src/a.ts'), 'export const a = 2;\n');
    expect(check(dir)).toBe(1);
    execFileSync(process.execPath, [SCRIPT, '--stamp'], { cwd: dir });
    await writeFile(join(dir, 'package-lock.json'), '{"lockfileVersion":3}\n');
    expect(check(dir)).toBe(1);
  });

  it('ignores tests: editing a spec does not rebuild the service', async () => {
    execFileSync(process.execPath, [SCRIPT, '--stamp'], { cwd: dir });
    await writeFile(join(dir, 'libs/a/src/a.spec.ts'), 'test("x", () => undefined);\n');
    expect(check(dir)).toBe(0);
  });
});
