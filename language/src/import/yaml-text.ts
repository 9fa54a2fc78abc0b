import { parseDocument, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { locatedError } from './import-error.js';

/**
 * CloudFormation's short forms of its intrinsic functions (`!Ref x`, `!GetAtt a.b`, `!Sub "..."`...), each as the
 * YAML tag that the long form (`{ Ref: x }`, `{ "Fn::GetAtt": [a, b] }`) stands for, on a scalar, a list or a map.
 */
const FUNCTIONS = [
    'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform',
    'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length',
];

function longForm(name: string, value: unknown): Record<string, unknown> {
    // `!GetAtt Resource.Attribute` is the one short form whose scalar is itself a list.
    if (name === 'GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
    }
    return { [`Fn::${name}`]: value };
}

function tagsOf(tag: string, make: (value: unknown) => Record<string, unknown>): Array<ScalarTag | CollectionTag> {
    return [
        { tag, resolve: (value: string) => make(value) } satisfies ScalarTag,
        { tag, collection: 'seq', resolve: (seq: YAMLSeq.Parsed) => make(seq.toJSON()) } as CollectionTag,
        { tag, collection: 'map', resolve: (map: YAMLMap.Parsed) => make(map.toJSON()) } as CollectionTag,
    ];
}

const CLOUDFORMATION_TAGS = [
    ...tagsOf('!Ref', value => ({ Ref: value })),
    ...tagsOf('!Condition', value => ({ Condition: value })),
    ...FUNCTIONS.flatMap(name => tagsOf(`!${name}`, value => longForm(name, value))),
];

/** Parses a YAML template, CloudFormation's tags included; the first error is reported at its line and column. */
export function parseYamlText(text: string, file: string): unknown {
    const document = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, uniqueKeys: false, prettyErrors: true });
    const [error] = document.errors;
    if (error) {
        const position = error.linePos?.[0] ?? { line: 1, col: 1 };
        throw locatedError(file, position.line, position.col, `not valid YAML: ${firstLine(error.message)}`);
    }
    try {
        // An alias repeated without limit is a billion laughs: yaml stops it, and so do we.
        return document.toJS({ maxAliasCount: 1000 });
    } catch (failure) {
        throw locatedError(file, 1, 1, `not valid YAML: ${firstLine((failure as Error).message)}`);
    }
}

function firstLine(message: string): string {
    return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
