/**
 * Everything model text goes through before it lands in generated code. Names in a design are already
 * restricted by the grammar, but titles, doc comments, AZ ids, region codes and file names are free text, and
 * the generator must hold even if the grammar loosens: nothing here trusts its input.
 */

const RESERVED = new Set([
    // ECMAScript and TypeScript reserved and contextual words that cannot (or should not) name a variable.
    'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
    'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
    'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'as',
    'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'any',
    'boolean', 'constructor', 'declare', 'get', 'module', 'require', 'number', 'set', 'string', 'symbol', 'type',
    'from', 'of', 'await', 'async', 'undefined', 'arguments', 'eval', 'never', 'unknown', 'object', 'keyof',
    // Names the generated code itself uses in every scope.
    'scope', 'id', 'props', 'vpc', 'cluster', 'app', 'stack', 'replica', 'zone', 'process', 'console',
    // Module aliases of the generated imports.
    'ec2', 'ecs', 'eks', 'iam', 'sqs', 'sns', 'subscriptions', 'kinesis', 'dynamodb', 'elasticache', 'lambda',
    'destinations', 'eventSources', 'codedeploy', 'backup', 'events', 'elbv2', 'route53', 'route53Targets',
    'logs', 'autoscaling', 'elbv2Targets', 'kms', 'access', 'acks', 'placeholders', 'ssm',
    // The cell router's code, imported by the region stack that declares routers.
    'cellRouterCode',
]);

/** Splits a name into words: `order-queue`, `orderQueue`, `order_queue` all give `order`, `queue`. */
const wordCache = new Map<string, string[]>();

function words(given: string): string[] {
    // After a syntax error an element may have no name (the AST types say otherwise): no words, the fallback applies.
    const name = given ?? '';
    let cached = wordCache.get(name);
    if (!cached) {
        if (wordCache.size > 10000) wordCache.clear();
        wordCache.set(name, cached = splitWords(name));
    }
    return cached;
}

function splitWords(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .split(/[^A-Za-z0-9]+/)
        .filter(w => w.length > 0);
}

/** `order-queue` -> `OrderQueue`: a class name or construct id; only ASCII letters and digits, starts with a letter. */
export function pascalCase(name: string, fallback = 'Resource'): string {
    const joined = words(name).map(w => w[0].toUpperCase() + w.slice(1)).join('');
    if (joined.length === 0) return fallback;
    return /^[0-9]/.test(joined) ? fallback[0].toUpperCase() + joined : joined;
}

/** `order-queue` -> `orderQueue`: a variable name that is never a reserved word. */
export function camelCase(name: string, fallback = 'resource'): string {
    const pascal = pascalCase(name, pascalCase(fallback));
    const camel = pascal[0].toLowerCase() + pascal.slice(1);
    return RESERVED.has(camel) ? `${camel}Resource` : camel;
}

/** `ORDER_QUEUE`, for environment variable names. */
export function constantCase(name: string): string {
    const joined = words(name).map(w => w.toUpperCase()).join('_');
    return /^[A-Z]/.test(joined) ? joined : `R_${joined}`;
}

/** `Use1 West` -> `use1-west`: a file name part; never empty, never `.` or `..`, no separators. */
export function fileSlug(name: string, fallback = 'item'): string {
    const slug = words(name).map(w => w.toLowerCase()).join('-');
    return slug.length > 0 ? slug.slice(0, 60) : fallback;
}

/** A physical AWS name (table names): letters, digits, `-`, `_`, `.`; at most `max` characters. */
export function physicalName(parts: readonly string[], max = 255): string {
    return parts.map(p => fileSlug(p, 'x')).join('-').slice(0, max);
}

/**
 * Hands out names unique within one scope: `orders`, `orders2`, ... (with a separator: `use-1`, `use-1-2`). Every
 * name the generator derives from the design goes through one, since different names of the design can sanitise
 * to the same text (`use_1`, `use-1`, `Use1`).
 */
export class NameSet {
    private readonly used = new Set<string>();

    constructor(taken: Iterable<string> = [], private readonly separator = '') {
        for (const name of taken) this.used.add(name);
    }

    claim(base: string): string {
        let name = base;
        for (let n = 2; this.used.has(name); n++) name = `${base}${this.separator}${n}`;
        this.used.add(name);
        return name;
    }
}

const ESCAPES: Record<string, string> = {
    '\\': '\\\\', '\'': '\\\'', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u2028': '\\u2028', '\u2029': '\\u2029',
};

/** A single-quoted TypeScript string literal holding exactly `value`. */
export function tsString(given: string): string {
    // A design with syntax errors may leave a name or string out (the AST types say otherwise): an empty string then.
    const value = given ?? '';
    return `'${value.replace(/[\\'\n\r\t\u2028\u2029\u0000-\u001f\u007f]/g, ch => ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

/**
 * Free text made safe for a `//` line comment: line terminators (which would end the comment) and other control
 * characters become spaces; long texts are cut.
 */
export function commentText(text: string, max = 160): string {
    const flat = text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** Free text made safe for a `/** ... *\/` doc comment: one line, and no `*\/` that would end the comment early. */
export function docCommentText(text: string, max = 160): string {
    return commentText(text, max).replace(/\*\//g, '*\\/');
}

const HTML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/**
 * Free text made safe for one line of Markdown in the generated README: no line breaks; HTML characters as
 * entities (no tag, whatever the renderer); Markdown punctuation escaped (no code span, emphasis, link or table).
 */
export function markdownText(text: string, max = 200): string {
    return commentText(text, max).replace(/[<>&"]/g, ch => HTML_ENTITIES[ch]).replace(/[`*_[\]()\\|#~!]/g, ch => `\\${ch}`);
}
