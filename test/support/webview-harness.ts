import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { diagramHtml } from '../../client/src/diagram/webview-html.js';
import type { HostMessage, WebviewMessage } from '../../language/src/protocol/webview.js';
import { REPO_ROOT as ROOT } from './paths.js';

/**
 * The built webview bundle (`dist/webview.js`, `dist/elk-worker.js`) in headless Chromium, on the same page and
 * Content-Security-Policy the extension serves, with `acquireVsCodeApi` standing in for VS Code: what the page
 * posts is recorded, host messages go in through `window.postMessage` as VS Code delivers them.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const NONCE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

export interface WebviewPage {
    readonly page: Page;
    /** Messages the webview posted so far. */
    posted(): Promise<WebviewMessage[]>;
    send(message: HostMessage): Promise<void>;
    /** Waits for the `rendered` message of the next drawing. */
    waitForRender(after: number): Promise<WebviewMessage & { type: 'rendered' }>;
    /** Alerts and CSP violations the page produced. */
    readonly alerts: string[];
    readonly violations: string[];
    close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
    return fs.existsSync(CHROMIUM);
}

let browser: Browser | undefined;

export async function launch(): Promise<Browser> {
    browser ??= await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return browser;
}

export async function closeBrowser(): Promise<void> {
    await browser?.close();
    browser = undefined;
}

/** Serves the page and the bundles from `dist/` on a local port (the worker's only if `worker`); anything else is a 404. */
async function serve(worker: boolean): Promise<{ origin: string; server: http.Server }> {
    let origin = '';
    const server = http.createServer((request, response) => {
        const url = request.url ?? '/';
        if (url === '/') {
            response.writeHead(200, { 'content-type': 'text/html' });
            response.end(diagramHtml({ cspSource: origin, nonce: NONCE, scriptUri: `${origin}/webview.js`, workerUri: `${origin}/elk-worker.js` }));
            return;
        }
        const file = { '/webview.js': 'webview.js', ...(worker && { '/elk-worker.js': 'elk-worker.js' }) }[url];
        if (!file) {
            response.writeHead(404).end();
            return;
        }
        response.writeHead(200, { 'content-type': 'text/javascript' });
        response.end(fs.readFileSync(path.join(ROOT, 'dist', file)));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { origin, server };
}

export interface WebviewOptions {
    readonly viewport?: { width: number; height: number };
    readonly deviceScaleFactor?: number;
    /** Whether the page can load its layout worker (default true); without it, only server layouts draw. */
    readonly worker?: boolean;
}

export async function openWebview(options: WebviewOptions = {}): Promise<WebviewPage> {
    const { viewport = { width: 1400, height: 1000 }, deviceScaleFactor = 1, worker = true } = options;
    const { origin, server } = await serve(worker);
    const context = await (await launch()).newContext({ viewport, deviceScaleFactor });
    const page = await context.newPage();
    const alerts: string[] = [];
    const violations: string[] = [];
    page.on('dialog', dialog => {
        alerts.push(dialog.message());
        void dialog.dismiss();
    });
    await page.exposeFunction('__resilViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
        const w = window as unknown as Record<string, unknown>;
        w.__posted = [];
        let state: unknown;
        w.acquireVsCodeApi = () => ({
            postMessage: (m: unknown) => (w.__posted as unknown[]).push(m),
            getState: () => state,
            setState: (s: unknown) => { state = s; },
        });
        document.addEventListener('securitypolicyviolation', e => {
            (w.__resilViolation as (t: string) => void)(`${e.violatedDirective} ${e.blockedURI}`);
        });
    });
    await page.goto(`${origin}/`);
    const posted = () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
    return {
        page, alerts, violations, posted,
        // A posted message is handled in a later task: resolve once the webview's own listener (registered at load,
        // so it runs first) has handled it, or a test would look at the page before the message took effect.
        // As JSON text, parsed in the page: Playwright's own argument serialisation of a large model takes longer
        // than VS Code's postMessage, and would be measured by the benchmarks.
        send: message => page.evaluate(json => new Promise<void>(resolve => {
            window.addEventListener('message', () => resolve(), { once: true });
            window.postMessage(JSON.parse(json), '*');
        }), JSON.stringify(message)),
        waitForRender: async (after: number) => {
            await page.waitForFunction(n => (window as unknown as { __posted: { type: string }[] }).__posted.filter(m => m.type === 'rendered').length > n, after, { timeout: 30_000 });
            const all = await posted();
            return all.filter((m): m is WebviewMessage & { type: 'rendered' } => m.type === 'rendered')[after];
        },
        close: async () => {
            await context.close();
            server.close();
        },
    };
}
