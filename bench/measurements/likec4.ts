import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLikeC4Model } from '../likec4-model.js';
import { median, ms } from '../report.js';
import { registerMeasurement } from '../registry.js';
import { runCli } from './cli.js';

/**
 * `resil check` beside LikeC4's `likec4 validate` on a model of the same size (issue 20: at least 4 times faster),
 * both timed in the same runs of one process. LikeC4 is a dependency of this benchmark only: bench/likec4/ has its
 * own package.json, installed here when it is missing (never by the product's `npm ci`).
 */

const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bench');
const LIKEC4_FOLDER = path.join(BENCH, 'likec4');
const LIKEC4_BIN = path.join(LIKEC4_FOLDER, 'node_modules', 'likec4', 'bin', 'likec4.mjs');
const PRELOAD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../peak-memory.js');
const SERVICES = 10_000;
const RATIO = 4;

interface LikeC4State {
    readonly folder: string;
    readonly resilFile: string;
    readonly likec4Folder: string;
    readonly model: ReturnType<typeof generateLikeC4Model>;
    readonly resilMs: number[];
    readonly likec4Ms: number[];
    likec4Exit: number | null;
    likec4Output: string;
    likec4PeakMb: number;
    resilExit?: number | null;
    /** Resil's peak: the figure's. */
    peakMb: number;
}

function installLikeC4(): void {
    if (fs.existsSync(LIKEC4_BIN)) return;
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', LIKEC4_FOLDER], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (install.status !== 0 || !fs.existsSync(LIKEC4_BIN)) throw new Error(`npm ci in ${LIKEC4_FOLDER} failed (exit ${install.status})`);
}

/** `likec4 validate <folder>` to its end: its wall time, exit code, output and peak memory. */
function validate(folder: string, scratch: string): Promise<{ ms: number; exitCode: number | null; output: string; peakMb: number }> {
    const peakFile = path.join(scratch, 'likec4-peak.txt');
    fs.rmSync(peakFile, { force: true });
    return new Promise((resolve, reject) => {
        const start = performance.now();
        const child = spawn(process.execPath, ['--import', PRELOAD, LIKEC4_BIN, 'validate', folder], {
            cwd: folder, env: { ...process.env, RESIL_BENCH_PEAK_FILE: peakFile, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        const keep = (chunk: Buffer) => { output = (output + String(chunk)).slice(-4000); };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        child.on('error', reject);
        child.on('exit', exitCode => {
            const elapsed = performance.now() - start;
            const peakMb = fs.existsSync(peakFile) ? (JSON.parse(fs.readFileSync(peakFile, 'utf8')) as { maxRssKb: number }).maxRssKb / 1024 : NaN;
            resolve({ ms: elapsed, exitCode, output, peakMb });
        });
    });
}

registerMeasurement<LikeC4State>({
    name: 'cli-vs-likec4-10k',
    title: '`resil check` of a 10,000-service design beside `likec4 validate` of the same model',
    budget: { ms: 2000 },
    // Each run starts both CLIs anew: no warm-up (LikeC4 takes about ten seconds a run on an idle machine).
    runs: 3,
    warmups: 0,
    timeoutMs: 1_800_000,
    note: `in each run, LikeC4 ${JSON.parse(fs.readFileSync(path.join(LIKEC4_FOLDER, 'package.json'), 'utf8')).dependencies.likec4} (its CLI in a process of its own, from start to exit) on the generated model of \`cli-check-10k\` written in LikeC4 (\`bench/likec4-model.ts\`: every service an element, its regions and cells elements holding them, every dependency a relationship, no view), then right after it \`resil check\` of the same design as \`cli-check-10k\` checks it. The figure and the peak memory are Resil's (wall time from start to exit, as in \`cli-check-10k\`); the budget also asks Resil's median to be at least ${RATIO} times shorter than LikeC4's in the same runs (issue 20).`,
    prepare: async (context) => {
        installLikeC4();
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-bench-likec4-'));
        const resilFile = path.join(folder, 'design.resil');
        fs.writeFileSync(resilFile, context.modelText(SERVICES));
        const likec4Folder = path.join(folder, 'likec4');
        fs.mkdirSync(likec4Folder);
        const model = generateLikeC4Model(SERVICES);
        fs.writeFileSync(path.join(likec4Folder, 'model.c4'), model.text);
        return { folder, resilFile, likec4Folder, model, resilMs: [], likec4Ms: [], likec4Exit: null, likec4Output: '', likec4PeakMb: 0, peakMb: 0 };
    },
    run: async (state) => {
        const likec4 = await validate(state.likec4Folder, state.folder);
        state.likec4Exit = likec4.exitCode;
        state.likec4Output = likec4.output;
        state.likec4PeakMb = Math.max(state.likec4PeakMb, likec4.peakMb);
        state.likec4Ms.push(likec4.ms);
        const start = performance.now();
        const resil = await runCli(['check', state.resilFile], state.folder);
        const elapsed = performance.now() - start;
        state.resilExit = resil.exitCode;
        state.peakMb = Math.max(state.peakMb, resil.peakMb);
        state.resilMs.push(elapsed);
        return elapsed;
    },
    peakMb: (state) => state.peakMb,
    details: (state) => {
        const likec4 = median(state.likec4Ms);
        const resil = median(state.resilMs);
        return [
            `LikeC4 model: ${state.model.services.toLocaleString('en')} services in ${state.model.elements.toLocaleString('en')} elements, ${state.model.relationships.toLocaleString('en')} relationships (${(state.model.text.length / 1024 / 1024).toFixed(2)} MB); \`likec4 validate\` exit code ${state.likec4Exit}, peak memory ${Math.round(state.likec4PeakMb)} MB.`,
            `\`likec4 validate\` in the same runs: median ${ms(likec4)} (${state.likec4Ms.map(ms).join(', ')}); \`resil check\` median ${ms(resil)}: Resil ${(likec4 / resil).toFixed(1)} times faster.`,
        ];
    },
    check: (state) => {
        if (state.likec4Exit !== 0) return `likec4 validate exited ${state.likec4Exit}: ${state.likec4Output.trim().split('\n').slice(-3).join(' | ')}`;
        if (state.resilExit !== 0 && state.resilExit !== 1) return `resil check exited ${state.resilExit}`;
        const ratio = median(state.likec4Ms) / median(state.resilMs);
        return ratio >= RATIO ? undefined : `resil check only ${ratio.toFixed(1)} times faster than likec4 validate (budget: ${RATIO})`;
    },
    checkSummary: `${RATIO}x faster than likec4 validate`,
    dispose: async (state) => fs.rmSync(state.folder, { recursive: true, force: true }),
});
