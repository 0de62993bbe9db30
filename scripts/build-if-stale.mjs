#!/usr/bin/env node
// `npm start`, `npm run cli`, `bot`, `bench`, `test:system`: build only when what the build reads has
// changed since the last build. A full build (tsc and the console) takes half a minute; this check
// reads the sources and hashes them in a fraction of a second. Plain JavaScript: it runs before any build.
//
//   node scripts/build-if-stale.mjs           build if stale
//   node scripts/build-if-stale.mjs --check   exit 0 when dist/ matches the sources, 1 when not
//   node scripts/build-if-stale.mjs --stamp   record that dist/ matches the sources (end of `npm run build`)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// What the build reads: sources, the benchmark sources it compiles, its configs, the locked dependencies.
const INPUTS = ['apps', 'libs', 'test/benchmark', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
// Not read by the build: tests, the labelled questions, anything installed.
const SKIPPED = /(^|\/)(node_modules|questions)(\/|$)|\.(spec|e2e-spec)\.ts$/;
const STAMP = join('dist', '.build-stamp');

// A file, or every file below a folder; nothing for what is missing or skipped.
function filesUnder(path) {
  if (!existsSync(path) || SKIPPED.test(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .filter((file) => !SKIPPED.test(file));
}

export function sourceHash() {
  const hash = createHash('sha256');
  const files = INPUTS.flatMap(filesUnder).sort();
  for (const file of files) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function isFresh() {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === sourceHash();
}

function stamp(hash = sourceHash()) {
  mkdirSync('dist', { recursive: true });
  writeFileSync(STAMP, `${hash}\n`);
}

const mode = process.argv[2];
if (mode === '--check') process.exit(isFresh() ? 0 : 1);
else if (mode === '--stamp') stamp();
else if (!isFresh()) {
  console.error('源代码有变化（或尚未构建），正在构建……');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
