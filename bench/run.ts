/**
 * `npm run bench [-- name...]`: runs every registered measurement (or the named ones), each in a child process
 * of its own, prints a table and writes docs/benchmarks.md (with the raw figures in docs/benchmarks.json). With names
 * and `--update`, the named figures replace theirs in that file and the others stay. Exits 1 when a budget is missed.
 *
 * Internally `node out/bench/run.js --child <name>` runs one measurement and writes its raw figures as JSON.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT as ROOT } from '../test/support/paths.js';
import { benchContext } from './context.js';
import './measurements/index.js';
import { allMeasurements, measurementNamed } from './registry.js';
import { evaluate, machineDescription, renderMarkdown, renderTable, type RawResult, type RunLength } from './report.js';

const CHILD_TIMEOUT_MS = 240_000;
/** Models every measurement may use; generated before any child starts. */
const MODEL_SIZES = [60, 1000, 10000];

async function main(argv: string[]): Promise<number> {
    if (argv[0] === '--child') return runChild(argv[1], argv[2], argv[3]);
    const selected = argv.filter(a => !a.startsWith('-'));
    const unknown = selected.filter(name => !measurementNamed(name));
    if (unknown.length > 0) {
        console.error(`unknown measurement(s): ${unknown.join(', ')}\nknown: ${allMeasurements().map(m => m.name).join(', ')}`);
        return 2;
    }
    const measurements = allMeasurements().filter(m => selected.length === 0 || selected.includes(m.name));
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-bench-'));
    try {
        const context = benchContext(folder);
        for (const size of MODEL_SIZES) context.modelFile(size);
        const results: RawResult[] = [];
        const started = Date.now();
        for (const measurement of measurements) {
            process.stdout.write(`${measurement.name} ... `);
            const raw = await runInChild(measurement.name, folder);
            results.push(raw);
            const evaluated = evaluate(measurement, raw);
            console.log(evaluated.summary);
            if (raw.missed) console.log(`  missed: ${raw.missed}`);
        }
        const evaluated = results.map(raw => evaluate(measurementNamed(raw.name)!, raw));
        console.log('\n' + renderTable(evaluated));
        if (selected.length === 0) {
            writeDoc(results, { totalMs: Date.now() - started });
        } else if (argv.includes('--update')) {
            const kept = readRecorded().filter(raw => !selected.includes(raw.name) && measurementNamed(raw.name));
            const byRegistry = (raw: RawResult) => allMeasurements().findIndex(m => m.name === raw.name);
            writeDoc([...kept, ...results].sort((a, b) => byRegistry(a) - byRegistry(b)), { updated: true });
        } else {
            console.log('\n(only some measurements ran: docs/benchmarks.md left as it is; --update replaces their figures there)');
        }
        return evaluated.some(e => e.verdict !== 'pass' && e.verdict !== 'no budget') ? 1 : 0;
    } finally {
        fs.rmSync(folder, { recursive: true, force: true });
    }
}

const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const RECORDED = path.join(ROOT, 'docs', 'benchmarks.json');

/** The raw figures docs/benchmarks.md was written from, so that `--update` can replace some and keep the others. */
function readRecorded(): RawResult[] {
    try {
        return JSON.parse(fs.readFileSync(RECORDED, 'utf8')) as RawResult[];
    } catch {
        return [];
    }
}

function writeDoc(results: readonly RawResult[], run: RunLength): void {
    fs.mkdirSync(path.dirname(DOC), { recursive: true });
    fs.writeFileSync(DOC, renderMarkdown(results.map(raw => evaluate(measurementNamed(raw.name)!, raw)), machineDescription(), run));
    fs.writeFileSync(RECORDED, JSON.stringify(results, null, 1) + '\n');
    console.log(`\nwrote ${path.relative(process.cwd(), DOC)} and ${path.relative(process.cwd(), RECORDED)}`);
}

/** Runs one measurement in a fresh Node process and reads back its figures. */
function runInChild(name: string, folder: string): Promise<RawResult> {
    const resultFile = path.join(folder, `${name}.json`);
    return new Promise(resolve => {
        const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', name, folder, resultFile], {
            stdio: ['ignore', 'inherit', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', chunk => { stderr = (stderr + String(chunk)).slice(-4000); });
        const timeout = measurementNamed(name)?.timeoutMs ?? CHILD_TIMEOUT_MS;
        const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            if (code === 0 && fs.existsSync(resultFile)) {
                const raw = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RawResult;
                resolve({ ...raw, measuredAt: new Date().toISOString(), load: os.loadavg()[0] });
            } else {
                const why = signal === 'SIGKILL' ? `timed out after ${timeout / 1000} s` : `exit ${code ?? signal}`;
                resolve({ name, times: [], peakMb: NaN, details: [], error: `${why}: ${stderr.trim().split('\n').slice(-6).join(' | ')}` });
            }
        });
    });
}

async function runChild(name: string, folder: string, resultFile: string): Promise<number> {
    const measurement = measurementNamed(name);
    if (!measurement) throw new Error(`unknown measurement ${name}`);
    const context = benchContext(folder);
    const state = await measurement.prepare(context);
    const times: number[] = [];
    try {
        for (let i = 0; i < (measurement.warmups ?? 1) + measurement.runs; i++) {
            (globalThis as { gc?: () => void }).gc?.();
            const start = performance.now();
            const own = await measurement.run(state, context);
            const elapsed = typeof own === 'number' ? own : performance.now() - start;
            if (i >= (measurement.warmups ?? 1)) times.push(elapsed);
        }
        const peakMb = measurement.peakMb ? measurement.peakMb(state) : process.resourceUsage().maxRSS / 1024;
        const details = measurement.details?.(state) ?? [];
        const result: RawResult = { name, times, peakMb, details, missed: measurement.check?.(state) };
        fs.writeFileSync(resultFile, JSON.stringify(result));
    } finally {
        await measurement.dispose?.(state);
    }
    return 0;
}

main(process.argv.slice(2)).then(code => { process.exitCode = code; }, error => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 2;
});
