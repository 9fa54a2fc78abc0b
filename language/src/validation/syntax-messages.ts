import { AstUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { closestNames } from '../util/closest-names.js';
import { isNameable } from '../scoping/resil-scope-computation.js';

const TOKEN_WORDS: Record<string, string> = {
    ID: 'a name',
    Name: 'a name',
    QualifiedName: 'a name',
    NUMBER: 'a number',
    PERCENT: 'a percentage such as 99.9%',
    DURATION: 'a duration such as 10s or 35d',
    STRING: 'a quoted string',
    EOF: 'the end of the file',
};

function describeToken(raw: string): string {
    const name = raw.replace(/^'|'$/g, '');
    return TOKEN_WORDS[name] ?? `'${name}'`;
}

function describeFound(found: string): string {
    return found === '' || found === 'EOF' ? 'the end of the file' : `'${found}'`;
}

/**
 * Turns the parser's token dumps into one sentence: "Expected '}' or a name, but found 'lamda'."
 * Unknown shapes of message pass through unchanged.
 */
export function humanizeParserMessage(message: string): string {
    const single = /^Expecting (?:token of type |keyword )?'?(.+?)'? but found [`'](.*)[`']\.?$/s.exec(message);
    if (single) {
        return `Expected ${describeToken(single[1])}, but found ${describeFound(single[2])}.`;
    }
    const sequences = /^Expecting: (?:one of these possible Token sequences|expecting at least one iteration which starts with one of these possible Token sequences)::?\s*([\s\S]*?)but found: [`'](.*)[`']/.exec(message);
    if (sequences) {
        const firsts = new Set<string>();
        for (const line of sequences[1].split('\n')) {
            const first = /\[([^,\]]+)/.exec(line);
            if (first) firsts.add(describeToken(first[1].trim()));
        }
        const list = [...firsts];
        const shown = list.length > 10 ? [...list.slice(0, 10), `${list.length - 10} more`] : list;
        return `Expected ${joinAlternatives(shown)}, but found ${describeFound(sequences[2])}.`;
    }
    const lexer = /^unexpected character: ->(.*)<- at offset: \d+, skipped (\d+) characters?\.?$/s.exec(message);
    if (lexer) {
        return `Unexpected character '${lexer[1]}': it is not part of the Resil language (remove it or put it inside a string).`;
    }
    return message;
}

function joinAlternatives(items: readonly string[]): string {
    if (items.length <= 1) return items[0] ?? 'something else';
    return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "No element named 'leger' here. Did you mean 'ledger'?" */
export function humanizeLinkingError(document: LangiumDocument, diagnostic: Diagnostic): string {
    const refText = (diagnostic.data as { refText?: string } | undefined)?.refText ?? '';
    const property = (diagnostic.data as { property?: string } | undefined)?.property ?? '';
    const what = property === 'azs' || property === 'subnets' ? 'AZ' : 'element';
    const candidates = AstUtils.streamAst(document.parseResult.value)
        .filter(isNameable)
        .map(n => (n as { name?: string }).name ?? '')
        .filter(n => n.length > 0)
        .toArray();
    const suggestions = closestNames(refText.split('.').pop() ?? refText, candidates);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?` : '';
    const scope = what === 'AZ' ? ' in this region' : ' in scope';
    return `No ${what} named '${refText}'${scope}.${hint}`;
}
