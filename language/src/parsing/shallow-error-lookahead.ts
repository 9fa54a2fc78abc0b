/**
 * When no alternative of a choice matches, Chevrotain lists the token sequences each alternative expects, computed
 * anew for every such error to the parser's full lookahead depth. Over the many alternatives of a region's or a
 * system's members that costs seconds for a few dozen errors: a 1.5 KB design with a stray comma took 5 s to check
 * (found by the fuzzer). The messages users see name the next token expected, never a sequence (see
 * `validation/syntax-messages.ts`), so the sequences are computed one token deep.
 *
 * It patches a private member of Chevrotain 11's parser (the one inside Langium's parser), as
 * `deferred-parser-analysis.ts` does; `test/unit/parser-internals.test.ts` fails if an upgrade moves it.
 */

/** What the patch reaches inside Chevrotain's parser. */
export interface ChevrotainErrorInternals {
    maxLookahead?: number;
    raiseNoAltException?(this: ChevrotainErrorInternals, occurrence: number, errMsgTypes: unknown): never;
}

/** How deep the expected sequences of a no-viable-alternative error are computed. */
const ERROR_LOOKAHEAD = 1;

export function shallowErrorLookahead(chevrotainParser: unknown): void {
    const parser = chevrotainParser as ChevrotainErrorInternals;
    const raise = parser.raiseNoAltException;
    if (typeof raise !== 'function' || typeof parser.maxLookahead !== 'number') return;
    parser.raiseNoAltException = function (occurrence, errMsgTypes) {
        const depth = this.maxLookahead;
        this.maxLookahead = ERROR_LOOKAHEAD;
        try {
            return raise.call(this, occurrence, errMsgTypes);
        } finally {
            this.maxLookahead = depth;
        }
    };
}
