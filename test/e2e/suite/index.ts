import Mocha from 'mocha';

/**
 * The end-to-end suite's entry point in the `@vscode/test-electron` style: VS Code (desktop or code-server)
 * loads this module in the extension host and awaits `run()`; a rejected promise is a failed run.
 * Files load in this order, and the activation timing must come first, before anything activates the extension.
 */
export function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    // The test files are bundled with this one: give them mocha's globals, then evaluate them.
    mocha.suite.emit('pre-require', globalThis, 'e2e', mocha);
    return (async () => {
        await import('./activation.e2e.js');
        await import('./language.e2e.js');
        await import('./commands.e2e.js');
        await import('./diagram.e2e.js');
        await import('./import.e2e.js');
        await import('./cdk.e2e.js');
        await new Promise<void>((resolve, reject) => {
            mocha.run(failures => failures > 0 ? reject(new Error(`${failures} end-to-end tests failed`)) : resolve());
        });
    })();
}
