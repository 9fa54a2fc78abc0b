import { closestNames } from '../util/closest-names.js';
import { firstGrapheme } from '../util/sanitise.js';

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

/** Keywords of elements that may only appear in one place, with where: said when one is found elsewhere. */
const PLACED_ONLY: Readonly<Record<string, string>> = {
    nat: 'NAT gateways belong to the region\'s VPC: declare `nat` in the region, not in a cell or another element.',
    endpoint: 'VPC endpoints belong to the region\'s VPC: declare `endpoint` in the region, not in a cell or another element.',
};

/** " NAT gateways belong to ..." when the token found is such a keyword. */
function placementHint(found: string): string {
    return Object.hasOwn(PLACED_ONLY, found) ? ` ${PLACED_ONLY[found]}` : '';
}

function describeFound(found: string): string {
    if (found === '' || found === 'EOF') return 'the end of the file';
    // A string literal carries its own quotes: `found the string 'abc'`, not `found ''abc''`.
    return /^["']/.test(found) ? `the string ${found}` : quoted(found);
}

/** `'x'`, or `"'"` for a quote: a quote in quotes of its kind would read as an empty name. */
function quoted(text: string): string {
    return text.includes("'") ? `"${text}"` : `'${text}'`;
}

/**
 * Turns the parser's token dumps into one sentence: "Expected '}' or a name, but found 'lamda'."
 * Unknown shapes of message pass through unchanged. With the text, an unexpected character is quoted whole: the
 * lexer names one UTF-16 unit, half of an emoji.
 */
export function humanizeParserMessage(message: string, text?: string): string {
    const single = /^Expecting (?:token of type |keyword )?'?(.+?)'? but found [`'](.*)[`']\.?$/s.exec(message);
    if (single && /^(DURATION|PERCENT)$/.test(single[1]) && /^[0-9]+(\.[0-9]+)?$/.test(single[2])) {
        return missingUnitMessage(single[1] as 'DURATION' | 'PERCENT', single[2]);
    }
    if (single) {
        return `Expected ${describeToken(single[1])}, but found ${describeFound(single[2])}.${placementHint(single[2])}`;
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
        return `Expected ${joinAlternatives(shown)}, but found ${describeFound(sequences[2])}.${placementHint(sequences[2])}`;
    }
    const lexer = /^unexpected character: ->(.*)<- at offset: (\d+), skipped (\d+) characters?\.?$/s.exec(message);
    if (lexer) {
        // A grapheme is a few code points (a flag, a family emoji): a short slice holds it, a long one would cost.
        const offset = Number(lexer[2]);
        const character = text === undefined ? lexer[1] : firstGrapheme(text.slice(offset, offset + 64));
        return `Unexpected character ${quoted(character)}: it is not part of the Resil language (remove it or put it inside a string).`;
    }
    return message;
}

/** `timeout 30`: the number is right, its unit is missing. */
function missingUnitMessage(expected: 'DURATION' | 'PERCENT', found: string): string {
    return expected === 'DURATION'
        ? `'${found}' needs a unit: a duration is written with one, such as ${found}s (ms, s, m, h or d).`
        : `'${found}' needs a percent sign: write ${found}%.`;
}

function joinAlternatives(items: readonly string[]): string {
    if (items.length <= 1) return items[0] ?? 'something else';
    return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * "No queue or topic named 'orderQ' in scope. Did you mean 'orderQueue'?" The candidates are the names visible
 * at the reference that fit its kind (the caller collects them from the scope).
 */
export function humanizeLinkingError(refText: string, noun: string, where: string, candidates: Iterable<string>): string {
    // `use1.ordrs`: compare the last segment among the names under the same qualifier.
    const cut = refText.lastIndexOf('.') + 1;
    const qualifier = refText.slice(0, cut);
    const depth = refText.split('.').length;
    const lastSegments = [...candidates]
        .filter(c => c.split('.').length === depth && c.startsWith(qualifier))
        .map(c => c.slice(cut));
    let suggestions = closestNames(refText.slice(cut), lastSegments).map(s => qualifier + s);
    // `uses edge` from `global`: the element exists, but only under a qualified name (`use1.edge`).
    if (suggestions.length === 0 && qualifier === '') {
        suggestions = [...candidates].filter(c => c.endsWith(`.${refText}`)).slice(0, 3);
    }
    const hint = suggestions.length > 0 ? ` Did you mean ${joinAlternatives(suggestions.map(s => `'${s}'`))}?` : '';
    return `No ${noun} named '${refText}' ${where}.${hint}`;
}

/**
 * A word the parser did not expect inside an element, said with what it probably meant:
 * "Unknown word 'concurency' in a lambda. Did you mean 'concurrency'?" Undefined when nothing is close.
 */
export function misspeltKeywordMessage(found: string, where: string, keywords: Iterable<string>): string | undefined {
    if (!/^[A-Za-z_][\w-]*$/.test(found)) return undefined;
    const known = [...keywords];
    const synonym = PROPERTY_SYNONYMS.get(found.toLowerCase())?.find(k => known.includes(k));
    if (synonym) return `${capitalise(where)} has no property '${found}'. Did you mean '${synonym}'?`;
    const suggestions = closestNames(found, known, 2);
    if (suggestions.length === 0) return `${capitalise(where)} has no property '${found}'.`;
    return `Unknown word '${found}' in ${where}. Did you mean ${joinAlternatives(suggestions.map(s => `'${s}'`))}?`;
}

/**
 * Words users bring from AWS's APIs, CloudFormation or other tools, with the Resil property each may mean: the first
 * one the element has is suggested (`ecs api { replicas 4 }` -> `tasks`).
 */
const PROPERTY_SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
    replicas: ['tasks', 'readers', 'workers', 'desired'],
    count: ['tasks', 'desired', 'workers', 'readers', 'shards'],
    desiredcount: ['tasks', 'desired'],
    instances: ['tasks', 'desired', 'readers'],
    size: ['desired', 'tasks', 'memory'],
    availability: ['sla'],
    slo: ['sla'],
    uptime: ['sla'],
    depends: ['uses'],
    dependson: ['uses'],
    calls: ['uses'],
    reads: ['consumes'],
    subscribes: ['consumes'],
    deadletter: ['dlq'],
    timeoutseconds: ['timeout'],
    reservedconcurrency: ['concurrency'],
}));

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
