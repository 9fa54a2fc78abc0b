import type { Random } from './random.js';

/**
 * Random edits of a design's text: token and line edits, truncation, random bytes and unicode, deep nesting,
 * very long names and numbers, grammar fragments, rewired references (self references and cycles), and lines
 * spliced from another design. Each mutation is a pure function of the text and the random generator.
 */

interface Span { readonly start: number; readonly end: number; }

type Mutation = (text: string, random: Random, corpus: readonly string[]) => string;

const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[0-9]+(?:\.[0-9]+)?[%a-zA-Z]*|[_a-zA-Z][\w-]*|[\s\S]/g;
const IDENTIFIER = /^[_a-zA-Z][\w-]*$/;
const NUMBER = /^[0-9]/;
/** Keywords after which a name refers to another element. */
const REFERENCE_KEYWORDS = new Set(['uses', 'consumes', 'dlq', 'of', 'primary', 'secondary', 'over', 'on-failure', 'fail', 'subnets', 'in', 'target']);
/** Keywords after which a name is declared. */
const DECLARATION_KEYWORDS = new Set([
    'system', 'region', 'az', 'cell', 'router', 'lambda', 'ecs', 'eks', 'dynamodb', 'elasticache', 'kinesis', 'sqs', 'sns',
    'alb', 'route53', 'consumer', 'nodegroup', 'profile', 'scenario', 'aurora', 'rds', 's3', 'asg', 'nat', 'endpoint',
    'eventbridge', 'stepfunctions', 'rule', 'task',
    'apigateway', 'cloudfront', 'cognito', 'external', 'stage',
]);

function tokens(text: string): Span[] {
    const spans: Span[] = [];
    for (const match of text.matchAll(TOKEN)) {
        if (!/^\s/.test(match[0])) spans.push({ start: match.index, end: match.index + match[0].length });
    }
    return spans;
}

function lines(text: string): string[] {
    return text.split('\n');
}

function replace(text: string, span: Span, by: string): string {
    return text.slice(0, span.start) + by + text.slice(span.end);
}

function randomOffset(text: string, random: Random): number {
    return random.int(text.length + 1);
}

/** Code points that break naive text handling: controls, NUL, BOM, bidi overrides, lone surrogates, emoji... */
const HOSTILE_CHARACTERS = [
    '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\r', '\r\n', '\t', '\u0085',
    '\u00a0', '\u2028', '\u2029', '\ufeff', '\u200b', '\u200d', '\u202e', '\u0301', '\ufffd', '\ufffe', '\uffff',
    '\ud800', '\udfff', '\u{1f600}', '\u{1f468}\u200d\u{1f469}', '漢字', 'é', 'ß', 'Ω', '𝔘', '<', '>', '&', '"', '\'',
    '`', '$', '{', '}', '\\', '/*', '*/', '//', ']]>', '<!--', '${x}',
];

/** Grammar fragments, valid and invalid, that lead parser, linker and rules into their corners. */
const FRAGMENTS = [
    'uses x', 'uses api soft async', 'uses use1.payments[0].ledger', 'uses use1', 'uses a', 'consumes edge', 'dlq q after 0',
    'dlq q after 99999999999999999999', 'replica of orders', 'failover primary dns secondary dns', 'router r over r',
    'router r over a { shuffle shard 0 }', 'cell c[0] in a {', 'cell c[100000] { }', 'cell big[1e3] {}', '}', '{', '{ }',
    'scenario s { fail use1.payments[99] }', 'scenario s { fail use1.payments[1].nope, dns }', 'fail use1.a',
    'allow static-stability "reason"', 'allow nope', 'allow', 'allow unused-allow ""', 'tasks 0', 'needs 1000000',
    'tasks 1.5', 'shuffle shard 9', 'require blast-radius cell-loss <= 200%', 'require availability 100.0000001%',
    'require survive az-loss', 'require availability 0%', 'timeout 0s', 'timeout 99999999999d', 'retention 1x',
    'snapshots retain 0d', '"unterminated', '/* unterminated', 'region use1 "us-east-1" { az a }', 'region r { }',
    'system S { }', 'global { route53 g { failover primary g secondary g } }', 'az a az a', 'entry entry',
    'sla 0%', 'sla 100%', 'nodegroup n in z { min 9 max 1 }', 'version', '.', '..', '[', ']', ',', '[-1]',
    'lambda f { vpc subnets a invoke async retries 9 deploy canary 0% }', 'ecs e in a, a, a { tasks 3 needs 3 }',
    'elasticache c in a { replicas 0 shards 0 }', 'kinesis k { consumer w in a { workers 0 } }', 'sqs q { dlq q }',
    'sns t { dlq t }', 'dynamodb d replica of d', 'aurora db in a { readers 99 backup retain 0d }', 'aurora db replica of db',
    'rds r in a { multi-az cluster }', 'rds r replica of aurora', 's3 b in a, b { storage express }', 's3 b replica of b { rtc on }',
    'uses db', 'lambda f { concurrency 100000 uses db }', 'aurora db in a, a, a { readers 2 }', 'deletion protection off', 'alb l in a', 'eks k { nodegroup g in a }', 'route53 r { entry }',
    '"<img src=x onerror=alert(1)>"', '"</svg><script>alert(1)</script>"', '"${process.exit(1)}"', '"*/ throw 1; /*"',
    'asg g in a { min 9 max 1 desired 20 needs 30 }', 'asg g { health check elb uses g }', 'nat n in a', 'nat n',
    'nat n in a, a { uses x }', 'endpoint e for s3 in a', 'endpoint e for sqs', 'endpoint e for lambda in z',
    'fail use1.egress', 'health check ec2', 'cell c[2] { nat n }',
    'eventbridge b { rule r { target b dlq b retries 999 max-age 0s } }', 'eventbridge b { failover primary b secondary b }',
    'global { eventbridge e { failover primary use1.x secondary use1.x archive rule r } }', 'rule r { target }', 'target x dlq',
    'stepfunctions s { task t uses s retries -1 timeout 0s catch catch }', 'stepfunctions s { workflow express task t uses orders }',
    'task t uses x soft async catch', 'endpoint e for events in a', 'endpoint e for states',
    'apigateway api { throttle rate 0 burst 0 stage s canary 100% uses api }', 'apigateway a { endpoint edge api http domain "" }',
    'global { cloudfront c { origin group primary c secondary x waf on } }', 'cloudfront c { uses c }', 'cognito u { mfa on uses u }',
    'external x "X" { sla 200% }', 'external x', 'uses stripe soft', 'fail stripe', 'region r { external x }',
    '"`; throw 1; `"', '"\\u0000\\n\\""', '"a\\', 'use1.a.b.c.d', 'payments[0]', 'payments[1].authorize',
];

/** The name of each declaration, e.g. `api` from `ecs api in a, b {`. */
function declaredNames(text: string): Span[] {
    const spans = tokens(text);
    const names: Span[] = [];
    for (let i = 0; i + 1 < spans.length; i++) {
        const keyword = text.slice(spans[i].start, spans[i].end);
        const next = text.slice(spans[i + 1].start, spans[i + 1].end);
        if (DECLARATION_KEYWORDS.has(keyword) && IDENTIFIER.test(next)) names.push(spans[i + 1]);
    }
    return names;
}

/** Names in reference position, e.g. `ledger` in `uses ledger`. */
function referenceNames(text: string): Span[] {
    const spans = tokens(text);
    const references: Span[] = [];
    for (let i = 0; i + 1 < spans.length; i++) {
        const keyword = text.slice(spans[i].start, spans[i].end);
        if (REFERENCE_KEYWORDS.has(keyword) && IDENTIFIER.test(text.slice(spans[i + 1].start, spans[i + 1].end))) references.push(spans[i + 1]);
    }
    return references;
}

const deleteToken: Mutation = (text, random) => {
    const spans = tokens(text);
    return spans.length ? replace(text, random.pick(spans), '') : text;
};

const duplicateToken: Mutation = (text, random) => {
    const spans = tokens(text);
    if (!spans.length) return text;
    const span = random.pick(spans);
    const token = text.slice(span.start, span.end);
    return replace(text, span, `${token} ${token}`);
};

const swapTokens: Mutation = (text, random) => {
    const spans = tokens(text);
    if (spans.length < 2) return text;
    let [a, b] = [random.pick(spans), random.pick(spans)];
    if (a.start > b.start) [a, b] = [b, a];
    if (a.start === b.start) return text;
    return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
};

/** Replaces a token with another token of the same text: names become other names, keywords other keywords. */
const replaceToken: Mutation = (text, random) => {
    const spans = tokens(text);
    if (spans.length < 2) return text;
    const other = random.pick(spans);
    return replace(text, random.pick(spans), text.slice(other.start, other.end));
};

const deleteLine: Mutation = (text, random) => {
    const all = lines(text);
    all.splice(random.int(all.length), 1);
    return all.join('\n');
};

const duplicateLine: Mutation = (text, random) => {
    const all = lines(text);
    const index = random.int(all.length);
    all.splice(index, 0, all[index]);
    return all.join('\n');
};

const swapLines: Mutation = (text, random) => {
    const all = lines(text);
    const [a, b] = [random.int(all.length), random.int(all.length)];
    [all[a], all[b]] = [all[b], all[a]];
    return all.join('\n');
};

/** Moves a block of lines elsewhere: services change region or cell, `}` go astray. */
const moveLines: Mutation = (text, random) => {
    const all = lines(text);
    const start = random.int(all.length);
    const moved = all.splice(start, random.between(1, 8));
    all.splice(random.int(all.length + 1), 0, ...moved);
    return all.join('\n');
};

const truncate: Mutation = (text, random) => text.slice(0, randomOffset(text, random));

const insertCharacters: Mutation = (text, random) => {
    let inserted = '';
    for (let n = random.between(1, 6); n > 0; n--) {
        inserted += random.chance(0.7) ? random.pick(HOSTILE_CHARACTERS) : String.fromCharCode(random.int(0x10000));
    }
    const at = randomOffset(text, random);
    return text.slice(0, at) + inserted + text.slice(at);
};

const insertFragment: Mutation = (text, random) => {
    const at = randomOffset(text, random);
    return `${text.slice(0, at)} ${random.pick(FRAGMENTS)} ${text.slice(at)}`;
};

const deepNesting: Mutation = (text, random) => {
    const depth = random.pick([50, 500, 3000]);
    const opener = random.pick(['{', '[', 'cell c[1] {', 'region r {', 'lambda f {', '/* ', '"']);
    const closer = random.chance(0.5) ? { '{': '}', '[': ']', 'cell c[1] {': '}', 'region r {': '}', 'lambda f {': '}', '/* ': '*/', '"': '"' }[opener] ?? '' : '';
    const at = randomOffset(text, random);
    return text.slice(0, at) + opener.repeat(depth) + closer.repeat(depth) + text.slice(at);
};

const longName: Mutation = (text, random) => {
    const names = tokens(text).filter(s => IDENTIFIER.test(text.slice(s.start, s.end)));
    if (!names.length) return text;
    const span = random.pick(names);
    const length = random.pick([256, 5000, 50_000]);
    const unit = random.pick(['x', 'ab-', '_9', 'é']);
    const long = ('n' + unit.repeat(Math.ceil(length / unit.length))).slice(0, length);
    // Rename every occurrence of shorter names, so the long name is declared and referenced.
    const name = text.slice(span.start, span.end);
    return length <= 5000 && random.chance(0.5) ? text.split(name).join(long) : replace(text, span, long);
};

const longNumber: Mutation = (text, random) => {
    const numbers = tokens(text).filter(s => NUMBER.test(text.slice(s.start, s.end)));
    const value = random.pick([
        '9'.repeat(400), '1' + '0'.repeat(308), '0.' + '0'.repeat(400) + '1', '4294967296', '9007199254740993',
        '1.7976931348623159e308', '00000000000000000000001', '99999999999999999999%', '1'.repeat(30) + 'd',
        '0.0000000001%', '1' + '0'.repeat(40) + 's',
    ]);
    if (!numbers.length) return text + value;
    const span = random.pick(numbers);
    const unit = text.slice(span.start, span.end).replace(/^[0-9.]+/, '');
    return replace(text, span, /[%a-z]$/i.test(value) ? value : value + unit);
};

/** Points a reference at a declared name: self references, cycles, references of the wrong kind. */
const rewireReference: Mutation = (text, random) => {
    const references = referenceNames(text);
    const names = declaredNames(text);
    if (!references.length || !names.length) return text;
    const target = random.pick(names);
    return replace(text, random.pick(references), text.slice(target.start, target.end));
};

/** Makes an element refer to itself: the first reference after a declaration names that declaration. */
const selfReference: Mutation = (text, random) => {
    const names = declaredNames(text);
    if (!names.length) return text;
    const declaration = random.pick(names);
    const following = referenceNames(text).find(r => r.start > declaration.end);
    return following ? replace(text, following, text.slice(declaration.start, declaration.end)) : text;
};

const crossover: Mutation = (text, random, corpus) => {
    const donor = lines(random.pick(corpus));
    const start = random.int(donor.length);
    const piece = donor.slice(start, start + random.between(1, 30));
    const all = lines(text);
    all.splice(random.int(all.length + 1), 0, ...piece);
    return all.join('\n');
};

const MUTATIONS: ReadonlyArray<readonly [Mutation, number]> = [
    [deleteToken, 10], [duplicateToken, 6], [swapTokens, 6], [replaceToken, 10], [deleteLine, 8], [duplicateLine, 8],
    [swapLines, 5], [moveLines, 6], [truncate, 3], [insertCharacters, 8], [insertFragment, 12], [deepNesting, 2],
    [longName, 3], [longNumber, 4], [rewireReference, 10], [selfReference, 6], [crossover, 4],
];
const TOTAL_WEIGHT = MUTATIONS.reduce((sum, [, weight]) => sum + weight, 0);

function pickMutation(random: Random): Mutation {
    let roll = random.int(TOTAL_WEIGHT);
    for (const [mutation, weight] of MUTATIONS) {
        if ((roll -= weight) < 0) return mutation;
    }
    return MUTATIONS[0][0];
}

/** One fuzz input: a corpus text with 1 to 4 random mutations applied. */
export function mutate(corpus: readonly string[], random: Random): string {
    let text = random.pick(corpus);
    for (let n = random.between(1, 4); n > 0; n--) text = pickMutation(random)(text, random, corpus);
    return text;
}
