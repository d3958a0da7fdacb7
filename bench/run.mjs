// @ts-check
// yarn bench — runs every bench:* script of the root package.json, one after
// the other (they would distort each other's timing if run together), and
// assembles their reports into bench/results/report.md.
//
// The convention a benchmark follows to take part: the script bench:<name>
// writes its markdown report to bench/results/<name>.md and exits non-zero
// when it failed.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/process.mjs';
import {
  loadAverage,
  machine,
  num,
  prettify,
  revision,
  table,
} from './lib/report.mjs';

const resultsDir = join(root, 'bench/results');
const timeoutSeconds = Number(process.env.BENCH_SCRIPT_TIMEOUT_S ?? 3600);

/**
 * The repository's pinned yarn release. npm_execpath would name the yarn
 * running this script, but Yarn sets it to a shell shim, not a script node
 * can run.
 */
function yarnPath() {
  const releases = join(root, '.yarn/releases');
  const release = readdirSync(releases).find(f => /^yarn-.*\.cjs$/.test(f));
  if (!release) throw new Error('No yarn release in .yarn/releases');
  return join(releases, release);
}

/** @param {string} script @returns {Promise<number>} */
function run(script) {
  return new Promise(resolve => {
    // The benchmark's stdout repeats its report; progress and the report
    // both go to stderr here so stdout carries only the combined report.
    const child = spawn(process.execPath, [yarnPath(), 'run', script], {
      cwd: root,
      stdio: ['ignore', 2, 2],
    });
    const timer = setTimeout(() => {
      console.error(`${script} exceeded ${timeoutSeconds} s; stopping it`);
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
    }, timeoutSeconds * 1000);
    child.on('exit', code => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/** Each heading one level deeper, so a report nests under its section. */
const nest = (/** @type {string} */ markdown) =>
  markdown.replace(/^(#+) /gm, '#$1 ');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const scripts = Object.keys(pkg.scripts ?? {}).filter(s =>
  s.startsWith('bench:'),
);
mkdirSync(resultsDir, { recursive: true });

const startLoad = loadAverage();
const started = new Date();
/** @type {{ script: string, code: number, seconds: number, report?: string }[]} */
const runs = [];
for (const script of scripts) {
  console.error(`\n=== ${script}`);
  const t0 = Date.now();
  const code = await run(script);
  const file = join(resultsDir, `${script.slice('bench:'.length)}.md`);
  // A report left over from an earlier run must not pass for this one.
  const fresh = existsSync(file) && statSync(file).mtimeMs >= t0;
  runs.push({
    script,
    code,
    seconds: (Date.now() - t0) / 1000,
    report: fresh ? readFileSync(file, 'utf8') : undefined,
  });
}

const report = [
  '# Benchmark report',
  '',
  `- Machine: ${machine()}; load average at the start ${startLoad}`,
  `- Date: ${started.toISOString()}; commit ${revision()}`,
  '',
  table(
    ['Benchmark', 'Result', 'Duration'],
    runs.map(r => [
      `\`yarn ${r.script}\``,
      r.code === 0
        ? 'completed'
        : `FAILED (exit ${r.code})${r.report ? '' : ', no report'}`,
      `${num(r.seconds)} s`,
    ]),
  ),
  '',
  ...runs.flatMap(r => [
    r.report
      ? nest(r.report.trim())
      : `## ${r.script}\n\nNo report was written.`,
    '',
  ]),
].join('\n');
const markdown = prettify(report, 'markdown');
writeFileSync(join(resultsDir, 'report.md'), markdown);
console.log(markdown);
if (scripts.length === 0) console.error('No bench:* scripts in package.json');
process.exitCode = runs.some(r => r.code !== 0) || scripts.length === 0 ? 1 : 0;
