import { runCli } from './main.js';

// `resil check ... | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', error => {
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw error;
    });
}

// No top-level await: the bundle is a CommonJS script, so that bin/resil.js can run it with V8's code cache.
void runCli(process.argv.slice(2)).then(result => {
    process.exitCode = result.exitCode;
    // Exits once the output is written: Node would otherwise first wait for V8's background work that this process
    // no longer needs (optimising compilations, concurrent marking of a collection), up to a third of a small check.
    process.stdout.write(result.stdout, () => process.stderr.write(result.stderr, () => process.exit()));
});
