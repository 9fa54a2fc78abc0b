import type { SourceResource } from './source.js';

/** The hash CDK appends to a logical id (`OrdersTable1A2B3C4D`): not part of the name the developer gave. */
const CDK_HASH = /[0-9A-F]{8}$/;

/**
 * The name the code gives a resource, as the grammar accepts it: CDK's construct id (the path's segment before
 * `Resource`), a Terraform resource's name (with its index), or the logical id.
 */
export function suggestedName(resource: SourceResource): string {
    if (resource.constructPath) {
        const segments = resource.constructPath.split('/').filter(s => s !== 'Resource' && s !== 'Default');
        const last = segments[segments.length - 1];
        if (last) return camelName(last);
    }
    if (resource.stack.format === 'terraform') {
        const match = /([\w-]+)(?:\[("?)([^\]"]+)\2\])?$/.exec(resource.id);
        const base = match?.[1] ?? resource.id;
        const named = ['this', 'main', 'default', 'example'].includes(base) ? `${resource.type.replace(/^aws_/, '')}_${base}` : base;
        return camelName(match?.[3] !== undefined ? `${named}_${match[3]}` : named);
    }
    const id = resource.id.length > 8 && CDK_HASH.test(resource.id) && /[a-z]/.test(resource.id.slice(0, -8)) ? resource.id.slice(0, -8) : resource.id;
    return camelName(id);
}

/** `Orders-Table` -> `ordersTable`; a name that would start with a digit gets a letter first. */
export function camelName(text: string): string {
    const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
    if (words.length === 0) return 'resource';
    const joined = words.map((w, i) => (i === 0 ? lowerFirstWord(w) : w[0].toUpperCase() + w.slice(1))).join('');
    return /^[A-Za-z]/.test(joined) ? joined : `r${joined}`;
}

/** `NATGateway0` -> `natGateway0`, `VPC` -> `vpc`, `Orders` -> `orders`: an acronym at the start is lowered whole. */
function lowerFirstWord(word: string): string {
    const upper = /^[A-Z0-9]+/.exec(word)?.[0] ?? '';
    if (upper.length <= 1) return word[0].toLowerCase() + word.slice(1);
    if (upper.length === word.length) return word.toLowerCase();
    const keep = /[a-z]/.test(word[upper.length]) ? upper.length - 1 : upper.length;
    return word.slice(0, keep).toLowerCase() + word.slice(keep);
}
