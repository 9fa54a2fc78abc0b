import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCycle, generateDense } from '../../test/support/generate-model.js';
import { registerMeasurement, type BenchContext } from '../registry.js';
import { MAX_FILE_BYTES } from '../../language/src/workspace/limits.js';

/** The CLI as a user runs it: a process of its own, start to exit, its own peak memory. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PRELOAD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../peak-memory.js');

interface CliState {
    readonly folder: string;
    readonly file: string;
    peakMb: number;
    exitCode: number | null;
    outputBytes: number;
    cpuMs: number[];
}

/** Runs `resil <args>` to its end; resolves with its peak resident memory, CPU time, exit code and output size. */
export function runCli(args: readonly string[], folder: string): Promise<{ peakMb: number; cpuMs: number; exitCode: number | null; outputBytes: number }> {
    const peakFile = path.join(folder, 'peak.txt');
    fs.rmSync(peakFile, { force: true });
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', PRELOAD, path.join(ROOT, 'bin', 'resil.js'), ...args], {
            cwd: folder, env: { ...process.env, RESIL_BENCH_PEAK_FILE: peakFile }, stdio: ['ignore', 'pipe', 'pipe'],
        });
        let outputBytes = 0;
        child.stdout.on('data', (chunk: Buffer) => { outputBytes += chunk.length; });
        child.stderr.on('data', (chunk: Buffer) => { outputBytes += chunk.length; });
        child.on('error', reject);
        child.on('exit', exitCode => {
            if (!fs.existsSync(peakFile)) return reject(new Error(`resil ${args.join(' ')} ended without reporting its memory (exit ${exitCode})`));
            const usage = JSON.parse(fs.readFileSync(peakFile, 'utf8')) as { maxRssKb: number; cpuMicros: number };
            resolve({ peakMb: usage.maxRssKb / 1024, cpuMs: usage.cpuMicros / 1000, exitCode, outputBytes });
        });
    });
}

function checkMeasurement(options: { name: string; title: string; budget?: { ms?: number; mb?: number }; runs: number; warmups?: number; note: string; design: (context: BenchContext) => string }): void {
    registerMeasurement<CliState>({
        name: options.name,
        title: options.title,
        budget: options.budget,
        runs: options.runs,
        warmups: options.warmups,
        note: options.note,
        prepare: async (context) => {
            const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-bench-cli-'));
            const file = path.join(folder, 'design.resil');
            fs.writeFileSync(file, options.design(context));
            return { folder, file, peakMb: 0, exitCode: null, outputBytes: 0, cpuMs: [] };
        },
        run: async (state) => {
            const result = await runCli(['check', state.file], state.folder);
            state.peakMb = Math.max(state.peakMb, result.peakMb);
            state.exitCode = result.exitCode;
            state.outputBytes = result.outputBytes;
            state.cpuMs.push(result.cpuMs);
        },
        peakMb: (state) => state.peakMb,
        details: (state) => [
            `${(fs.statSync(state.file).size / 1024 / 1024).toFixed(2)} MB of design, exit code ${state.exitCode}, ${(state.outputBytes / 1024).toFixed(0)} KB of output;`,
            `CPU time of the process (all its threads, GC included) ${state.cpuMs.map(ms => `${(ms / 1000).toFixed(2)} s`).join(', ')} in the runs, warm-up first.`,
        ],
        check: (state) => (state.exitCode === 0 || state.exitCode === 1 ? undefined : `resil check exited ${state.exitCode}`),
        checkSummary: 'exit 0 or 1',
        dispose: async (state) => fs.rmSync(state.folder, { recursive: true, force: true }),
    });
}

checkMeasurement({
    name: 'cli-check-small',
    title: '`resil check` of a small design (examples/web-service.resil)',
    budget: { ms: 300 },
    runs: 15,
    warmups: 2,
    note: 'the built CLI in a process of its own, from start to exit (Node start-up included), on the 69-line web-service example (8 services): what a user waits for at every check of a small design.',
    design: () => fs.readFileSync(path.join(ROOT, 'examples', 'web-service.resil'), 'utf8'),
});

checkMeasurement({
    name: 'cli-check-10k',
    title: '`resil check` of a generated design of 10,000 services',
    budget: { ms: 2000 },
    runs: 5,
    note: 'the built CLI in a process of its own, from start to exit (Node start-up included), on the generated 10,000-service model of the other measurements (500 `shuffle-shard-overlap` infos). Peak memory is the CLI process\'s.',
    design: (context) => context.modelText(10_000),
});

checkMeasurement({
    name: 'cli-check-cycle-10k',
    title: '`resil check` of a 10,000-member dependency cycle',
    budget: { ms: 2000, mb: 300 },
    runs: 5,
    note: 'the built CLI in a process of its own, from start to exit (Node start-up included), on 10,000 ECS services each using the next, behind an ALB, with `require survive az-loss`: one `dependency-cycle` finding. Peak memory is the CLI process\'s.',
    design: () => generateCycle(10_000),
});

checkMeasurement({
    name: 'cli-check-size-limit',
    title: '`resil check` of a design at the size limit (3 MB, densest text)',
    budget: { mb: 2048 },
    runs: 1,
    warmups: 0,
    note: `the built CLI in a process of its own, from start to exit, on ${(MAX_FILE_BYTES / 1024 / 1024).toFixed(0)} MB (the input limit) of the densest design measured: a lambda per line, each using another (about 93,000 services, a finding on each). Peak memory is the CLI process's.`,
    design: () => generateDense(MAX_FILE_BYTES),
});
