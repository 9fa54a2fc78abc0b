import * as fs from 'node:fs';
import type { LangiumCoreServices } from 'langium';
import { saveGrammarRecording, useGrammarRecording } from '../parsing/grammar-recording.js';

/**
 * The recording of the parser's grammar (see `parsing/grammar-recording.ts`) that the build saves beside the CLI's
 * bundle, `resil.cjs.grammar`: building the parser then skips its longest step. Like the code cache, it is used only
 * by the bundle it was made for (the bundle's size and time are recorded in it), and only by the bundle: run from
 * tsc's output (tests), the CLI records as usual. RESIL_WRITE_GRAMMAR_RECORDING=1 writes it (the build's job).
 */

/** The bundle running, when this runs as the bundle (CommonJS); tsc's ES modules have no `__filename`. */
const bundle = typeof __filename === 'string' && __filename.endsWith('.cjs') ? __filename : undefined;

function stampOf(file: string): string {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}\n`;
}

function readRecording(file: string): string | undefined {
    let text: string | undefined;
    try {
        text = fs.readFileSync(`${file}.grammar`, 'utf8');
    } catch {
        text = undefined;
    }
    const stamp = stampOf(file);
    if (text?.startsWith(stamp)) return text.slice(stamp.length);
    if (process.env.RESIL_DEBUG) process.stderr.write(`resil: no grammar recording for this bundle (${file}.grammar): recording the grammar\n`);
    return undefined;
}

/** Makes the parsers of the CLI's services replay the build's recording, or (for the build) write it. */
export function useBundleGrammarRecording(services: LangiumCoreServices): void {
    if (!bundle) return;
    if (process.env.RESIL_WRITE_GRAMMAR_RECORDING === '1') {
        const parser = services.parser.LangiumParser as unknown as { wrapper: unknown };
        fs.writeFileSync(`${bundle}.grammar`, stampOf(bundle) + saveGrammarRecording(parser.wrapper));
        return;
    }
    useGrammarRecording(() => readRecording(bundle));
}
