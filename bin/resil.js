#!/usr/bin/env node
// Runs the CLI's bundle, out/cli/resil.cjs, with V8's code cache of it (resil.cjs.cache, written by the build
// after a check of the examples): without it, compiling the functions a check runs cost about a fifth of checking
// a small design. The cache is used only for the bundle it was made from (its size and time are recorded in it);
// V8 ignores one made by another Node or with other V8 flags, and the bundle then compiles as usual.
// RESIL_WRITE_CODE_CACHE=1 writes the cache of this run's compiled functions as the process exits (the build's job).
import { Buffer, isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vm from 'node:vm';

const bundle = fileURLToPath(new URL('../out/cli/resil.cjs', import.meta.url));
const cacheFile = `${bundle}.cache`;
const bundleStat = fs.statSync(bundle);
const stamp = Buffer.from(`${bundleStat.size}:${bundleStat.mtimeMs}\n`);

function readCache() {
    try {
        const data = fs.readFileSync(cacheFile);
        return data.subarray(0, stamp.length).equals(stamp) ? data.subarray(stamp.length) : undefined;
    } catch {
        return undefined;
    }
}

const writeCache = process.env.RESIL_WRITE_CODE_CACHE === '1';
const cachedData = writeCache ? undefined : readCache();
// The CommonJS wrapper Node would put around the file, on its first line so that line numbers stay the bundle's.
// esbuild writes ASCII but for some comments: ASCII is decoded as latin1, faster than UTF-8, into a one-byte string.
const bytes = fs.readFileSync(bundle);
const source = `(function (exports, require, module, __filename, __dirname) {${bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')}\n})`;
const script = new vm.Script(source, { filename: bundle, cachedData });
if (process.env.RESIL_DEBUG && (cachedData === undefined || script.cachedDataRejected)) {
    process.stderr.write(`resil: ${cachedData === undefined ? 'no code cache' : 'code cache rejected by this Node'} (${cacheFile}): compiling the bundle\n`);
}
if (writeCache) process.on('exit', () => fs.writeFileSync(cacheFile, Buffer.concat([stamp, script.createCachedData()])));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
