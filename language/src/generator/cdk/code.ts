/** Small helpers that render TypeScript source text: object literals, indentation and the import block. */

/** Object literal entries; `undefined` and `false` values are left out, so optional settings read naturally. */
export type Entries = ReadonlyArray<readonly [string, string | undefined | false]>;

export function indent(text: string, pad = '  '): string {
    // One regex pass: large stacks are indented as a whole, and split/map/join would copy every line twice.
    return text.replace(/^(?=.)/gm, pad);
}

/** `{ a: 1, vpc }` on one line when it is short, else one entry per line. Keys are CDK property names. */
export function obj(entries: Entries, maxInline = 100): string {
    const present = entries.filter((e): e is readonly [string, string] => typeof e[1] === 'string');
    if (present.length === 0) return '{}';
    const parts = present.map(([key, value]) => (key === value ? key : `${key}: ${value}`));
    const inline = `{ ${parts.join(', ')} }`;
    if (inline.length <= maxInline && !inline.includes('\n')) return inline;
    return `{\n${parts.map(p => indent(`${p},`)).join('\n')}\n}`;
}

/** `[a, b]` on one line when short, else one element per line. */
export function arr(items: readonly string[], maxInline = 100): string {
    const inline = `[${items.join(', ')}]`;
    if (inline.length <= maxInline && !inline.includes('\n')) return inline;
    return `[\n${items.map(i => indent(`${i},`)).join('\n')}\n]`;
}

/** The import block of one generated file: namespace imports, named imports and type-only imports. */
export class Imports {
    private readonly namespaces = new Map<string, string>();
    private readonly named = new Map<string, Set<string>>();
    private readonly types = new Map<string, Set<string>>();

    namespace(alias: string, module: string): string {
        this.namespaces.set(module, alias);
        return alias;
    }

    name(name: string, module: string): string {
        add(this.named, module, name);
        return name;
    }

    type(name: string, module: string): string {
        add(this.types, module, name);
        return name;
    }

    render(): string[] {
        const lines: string[] = [];
        const modules = new Set([...this.named.keys(), ...this.types.keys(), ...this.namespaces.keys()]);
        // Packages first (aws-cdk-lib, then its submodules, constructs, cdk-nag), then the app's own files.
        const order = (m: string) => (m === 'aws-cdk-lib' ? 0 : m.startsWith('aws-cdk-lib/') ? 1 : m.startsWith('.') ? 3 : 2);
        const sorted = [...modules].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
        for (const module of sorted) {
            const alias = this.namespaces.get(module);
            if (alias) lines.push(`import * as ${alias} from '${module}';`);
            const values = [...(this.named.get(module) ?? [])].sort();
            const typeOnly = [...(this.types.get(module) ?? [])].filter(t => !values.includes(t)).sort();
            const specifiers = [...values, ...typeOnly.map(t => `type ${t}`)];
            if (specifiers.length > 0) lines.push(`import { ${specifiers.join(', ')} } from '${module}';`);
        }
        return lines;
    }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
    let set = map.get(key);
    if (!set) map.set(key, set = new Set());
    set.add(value);
}
