import type { Block, Text } from './report-document.js';

/** Markdown-escapes text the user wrote (names, messages) so it renders as text, never as markup or HTML. */
export function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_[\]<>#|~&]/g, ch => ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`)
        .replace(/\r?\n/g, ' ');
}

function inline(text: Text): string {
    return text.map(part => typeof part === 'string' ? escapeMarkdown(part)
        : 'strong' in part ? `**${escapeMarkdown(part.strong)}**`
            // A code span holds text verbatim: it only must not contain its own delimiter or a table's.
            : `\`${part.code.replace(/[`|\r\n]/g, ' ')}\``).join('');
}

function block(b: Block): string[] {
    switch (b.kind) {
        case 'heading': return [`${'#'.repeat(b.level)} ${inline(b.text)}`, ''];
        case 'paragraph': return [inline(b.text), ''];
        case 'list': return [...b.items.map(item => `- ${inline(item)}`), ''];
        case 'table': return [
            `| ${b.header.map(escapeMarkdown).join(' | ')} |`,
            `| ${b.header.map(() => '---').join(' | ')} |`,
            ...b.rows.map(row => `| ${row.map(inline).join(' | ')} |`),
            '',
        ];
        // Markdown has no diagram: `resil diagram` draws it.
        case 'diagram': return [];
    }
}

/** The report as Markdown. */
export function renderMarkdown(blocks: readonly Block[]): string {
    return blocks.flatMap(block).join('\n');
}
