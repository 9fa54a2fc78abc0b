/**
 * Runs the end-to-end suite in code-server (VS Code 1.100 served to a browser) driven by Debian's Chromium
 * through playwright-core: the way VS Code runs its own browser integration tests. The suite runs in the real
 * Node extension host; its output and exit code come back through the page functions `codeAutomationLog` and
 * `codeAutomationExit`. Needs `scripts/setup-e2e.sh` (code-server in .e2e/, chromium) and `npm run build`.
 *
 * With `--vsix FILE` the packaged extension is installed (`code-server --install-extension`) and the suite runs
 * against the installed copy instead of the working tree: the .vsix is what users get.
 *
 * Probes: a test logs `RESIL_E2E_PROBE <kind> <absolute path under test-results/>` and this launcher writes
 * what the browser sees there (see `answerProbe`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths.js';
import { SUITE_BUNDLE, TEST_SETTINGS, assertBuilt, prepareRunFolder } from './workspace.js';

const CODE_SERVER = path.join(REPO_ROOT, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.RESIL_E2E_CHROMIUM ?? '/usr/bin/chromium';
const RUN_TIMEOUT_MS = Number(process.env.RESIL_E2E_TIMEOUT_MS ?? 10 * 60_000);
const RESULTS = path.join(REPO_ROOT, 'test-results', 'e2e');

/** The .vsix to test, from `--vsix FILE`; undefined: the extension under development (the working tree). */
function vsixArgument(): string | undefined {
    const index = process.argv.indexOf('--vsix');
    if (index < 0) return undefined;
    const file = process.argv[index + 1];
    if (!file || !fs.existsSync(file)) throw new Error(`--vsix needs an existing .vsix file (run \`npm run package\`): ${file ?? ''}`);
    return path.resolve(file);
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 60_000): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
        if (server.exitCode !== null) throw new Error(`code-server exited with code ${server.exitCode}`);
        try {
            if ((await fetch(`${url}/healthz`)).ok) return;
        } catch {
            // not listening yet
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

interface CodeServerDirs {
    readonly userData: string;
    readonly extensions: string;
    readonly home: string;
}

function prepareCodeServerDirs(root: string): CodeServerDirs {
    const dirs = { userData: path.join(root, 'user-data'), extensions: path.join(root, 'extensions'), home: path.join(root, 'home') };
    fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    fs.mkdirSync(dirs.home, { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(TEST_SETTINGS, null, 2));
    return dirs;
}

/** code-server's environment: nothing lands in the user's home, and the tests learn where results go. */
function codeServerEnv(dirs: CodeServerDirs): NodeJS.ProcessEnv {
    const home = dirs.home;
    return {
        ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share'),
        XDG_CACHE_HOME: path.join(home, '.cache'), VSCODE_AGENT_FOLDER: path.join(home, '.vscode-server'), RESIL_E2E_RESULTS: RESULTS,
    };
}

/** The Marketplace takes larger packages, but ours ships only bundles and a few assets: more means a packaging mistake. */
const MAX_VSIX_BYTES = 5 * 1024 * 1024;

/** Installs the .vsix the way a user would; returns the folder it was installed into. */
function installVsix(dirs: CodeServerDirs, vsix: string): string {
    const size = fs.statSync(vsix).size;
    if (size > MAX_VSIX_BYTES) throw new Error(`${vsix} is ${(size / 1024 / 1024).toFixed(1)} MB, over 5 MB: check .vscodeignore`);
    const result = spawnSync(CODE_SERVER, ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix],
        { env: codeServerEnv(dirs), encoding: 'utf8', timeout: 120_000 });
    process.stdout.write(result.stdout ?? '');
    if (result.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${result.status}): ${result.stderr}`);
    const installed = fs.readdirSync(dirs.extensions).find(name => name.startsWith('resil.resil-'));
    if (!installed) throw new Error(`the .vsix installed nothing into ${dirs.extensions}`);
    return path.join(dirs.extensions, installed);
}

function startCodeServer(root: string, dirs: CodeServerDirs, workspace: string, port: number): ChildProcess {
    const config = path.join(root, 'config.yaml');
    fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const log = fs.openSync(path.join(RESULTS, 'code-server.log'), 'w');
    return spawn(CODE_SERVER, [
        '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions, '--config', config, workspace,
    ], { env: codeServerEnv(dirs), stdio: ['ignore', log, log], detached: true });
}

/**
 * Answers a test's probe: what only the browser can see. `RESIL_E2E_PROBE screenshot <file>` saves the page;
 * `RESIL_E2E_PROBE webview <file>` writes the `data-id`s drawn in every frame (the diagram webview's nodes) as JSON.
 * Files go under test-results/ only, written whole (the test waits for them to appear).
 */
async function answerProbe(message: string, page: Page): Promise<void> {
    const match = /RESIL_E2E_PROBE (screenshot|webview) (.+)$/.exec(message.trim());
    if (!match) return;
    const [, kind, target] = match;
    const file = path.resolve(target);
    if (!file.startsWith(path.join(REPO_ROOT, 'test-results') + path.sep)) {
        console.error(`refusing a probe outside test-results/: ${file}`);
        return;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    if (kind === 'screenshot') {
        await page.screenshot({ path: partial, type: 'png' });
    } else {
        const ids: string[] = [];
        for (const frame of page.frames()) {
            ids.push(...await frame.$$eval('[data-id]', nodes => nodes.map(n => n.getAttribute('data-id') ?? '')).catch(() => []));
        }
        fs.writeFileSync(partial, JSON.stringify({ dataIds: ids }));
    }
    fs.renameSync(partial, file);
}

async function runSuite(url: string, workspace: string, extension: string): Promise<number> {
    const browser: Browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
        const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
        const exit = new Promise<number>(resolve => {
            void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
        });
        // What goes wrong inside a webview shows only in the browser's console: pass its errors on.
        page.on('console', message => {
            if (message.type() === 'error' && (message.text().startsWith('Resil diagram') || message.location().url.includes('/webview/'))) {
                console.error(`[webview console] ${message.text()}`);
            }
        });
        await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
            // The extension host forwards console calls as they were made: a format string, then its arguments.
            const text = util.format(...(Array.isArray(args) ? args : [args]));
            (type === 'error' ? console.error : console.log)(text);
            return answerProbe(text, page);
        });
        const remote = (file: string) => `vscode-remote://${new URL(url).host}${file}`;
        const payload = [
            // VS Code runs tests only with a development path: the working tree, or where the .vsix was installed.
            ['extensionDevelopmentPath', remote(extension)],
            ['extensionTestsPath', remote(SUITE_BUNDLE)],
            ['skipWelcome', 'true'],
        ];
        await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<number>(resolve => {
            timer = setTimeout(() => {
                console.error(`the suite did not finish within ${RUN_TIMEOUT_MS} ms`);
                void page.screenshot({ path: path.join(RESULTS, 'timeout.png') }).finally(() => resolve(1));
            }, RUN_TIMEOUT_MS);
        });
        const code = await Promise.race([exit, timeout]);
        clearTimeout(timer);
        return code;
    } finally {
        await browser.close();
    }
}

async function main(): Promise<number> {
    assertBuilt();
    if (!fs.existsSync(CODE_SERVER)) throw new Error(`${CODE_SERVER} is missing: run scripts/setup-e2e.sh first`);
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup-e2e.sh first`);
    fs.mkdirSync(RESULTS, { recursive: true });
    const vsix = vsixArgument();
    const { root, workspace } = prepareRunFolder();
    const dirs = prepareCodeServerDirs(root);
    const extension = vsix ? installVsix(dirs, vsix) : REPO_ROOT;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = startCodeServer(root, dirs, workspace, port);
    // code-server runs in its own process group: end it with the launcher, even when the launcher is interrupted.
    const stop = () => {
        if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => { stop(); process.exit(1); });
    try {
        await waitForHealth(url, server);
        return await runSuite(url, workspace, extension);
    } finally {
        stop();
        fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    }
}

main().then(code => {
    console.log(code === 0 ? 'end-to-end suite passed' : `end-to-end suite failed (exit code ${code}); code-server log: test-results/e2e/code-server.log`);
    process.exit(code);
}, error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
