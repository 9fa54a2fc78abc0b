import type { LangiumSharedServices } from 'langium/lsp';
import { ResilParser } from '../../language/src/parsing/resil-parser.js';
import type { ResilServices } from '../../language/src/resil-module.js';
import { yieldToPendingIo } from '../../language/src/util/request-turn.js';

/** The warm-up works about this long between two turns given to requests. */
const STEP_MS = 5;

/**
 * The parser leaves the lookahead of each grammar decision to be built when the decision is first taken (a third
 * of building it, which every CLI run would pay). The server builds them once it has started, a few milliseconds at
 * a time with requests answered in between: otherwise the first large design opened builds hundreds of them in one
 * of its slices (on a 10,000-service design, a slice of 300-400 ms in which no other file's hover is answered).
 */
export function warmUpParserAfterStart(shared: LangiumSharedServices, services: ResilServices): void {
    shared.lsp.LanguageServer.onInitialized(() => {
        const parser = services.parser.LangiumParser;
        if (parser instanceof ResilParser) void warmUp(parser.buildDeferredAnalysis());
    });
}

async function warmUp(steps: Generator<void>): Promise<void> {
    let stepStart = performance.now();
    while (!steps.next().done) {
        if (performance.now() - stepStart < STEP_MS) continue;
        await yieldToPendingIo();
        stepStart = performance.now();
    }
}
