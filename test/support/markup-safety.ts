import { Resvg } from '@resvg/resvg-js';

/**
 * Checks that rendered output is inert: an SVG parses (resvg's strict XML parser), has no scripting element, no
 * event-handler attribute and no `javascript:` URL; a Markdown report holds no HTML tag at all.
 */

const ELEMENT = /<([a-zA-Z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'img', 'image', 'a', 'object', 'embed', 'use', 'animate', 'set', 'handler']);

/** The problems found in an SVG document; empty when it is safe to inline in a page. */
export function svgProblems(svg: string): string[] {
    const problems: string[] = [];
    try {
        new Resvg(svg);
    } catch (error) {
        problems.push(`not well-formed: ${(error as Error).message}`);
    }
    for (const [, name, attributes] of svg.matchAll(ELEMENT)) {
        if (ACTIVE_ELEMENTS.has(name.toLowerCase())) problems.push(`element <${name}>`);
        for (const [, attribute, double, single] of attributes.matchAll(ATTRIBUTE)) {
            const value = (double ?? single ?? '').replace(/&#x?[0-9a-f]+;|\s/gi, '');
            if (/^on/i.test(attribute)) problems.push(`event handler ${attribute} on <${name}>`);
            if (/^(java|vb)script:|^data:text\/html/i.test(value)) problems.push(`script URL in ${attribute} of <${name}>`);
        }
    }
    return problems;
}

/** HTML tags in Markdown (VS Code's preview renders them): a report must have none. */
export function markdownHtml(markdown: string): string[] {
    return [...markdown.matchAll(/<\/?[a-zA-Z!?][^>]*>?/g)].map(m => m[0]);
}
