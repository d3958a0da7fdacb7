// @ts-check
// What every benchmark report starts with, and small formatting helpers, so
// reports from different benchmarks and runs read and compare the same way.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, release, platform } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './process.mjs';

/** @type {{ format: (text: string, options: object) => string }} */
const prettier = createRequire(join(root, 'package.json'))('prettier');

/**
 * Reports formatted as the repository's prettier formats them: tables
 * aligned for reading in a terminal, and `yarn prettier:check` stays clean
 * on a checkout that has local results in it.
 *
 * @param {string} text @param {'markdown' | 'json'} parser
 */
export function prettify(text, parser) {
  try {
    return prettier.format(text, { parser });
  } catch {
    return text;
  }
}

/** One line describing the machine a figure was measured on. */
export function machine() {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  return `${cores.length} cores (${model}), ${(totalmem() / 2 ** 30).toFixed(
    1,
  )} GiB RAM, ${platform()} ${release()}, Node ${process.version}`;
}

/** The commit measured, marked when the working tree has local changes. */
export function revision() {
  try {
    const git = (/** @type {string[]} */ args) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const head = git(['rev-parse', '--short', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--untracked-files=no']);
    return dirty ? `${head} with uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

/** Load averages (1, 5, 15 min): the quickest word on how noisy it was. */
export function loadAverage() {
  return loadavg()
    .map(l => l.toFixed(2))
    .join(' ');
}

/** @param {number | undefined} n @param {number} [digits] */
export function num(n, digits = 0) {
  if (n === undefined || !Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** @param {number | undefined} bytes */
export function mib(bytes) {
  return bytes === undefined ? '–' : num(bytes / 2 ** 20);
}

/** @param {number | undefined} a @param {number | undefined} b */
export function ratio(a, b) {
  return a === undefined || b === undefined || !b ? '–' : `${num(a / b, 2)}×`;
}

/** @param {string[]} header @param {string[][]} rows */
export function table(header, rows) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

/**
 * Percentiles by nearest rank over a copy of the samples.
 *
 * @param {ArrayLike<number>} samples @param {number[]} ps
 */
export function percentiles(samples, ps) {
  const sorted = Float64Array.from(samples).sort();
  return ps.map(p =>
    sorted.length
      ? sorted[
          Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
        ]
      : NaN,
  );
}
