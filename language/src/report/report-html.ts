import type { Block, Text } from './report-document.js';

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[ch]!);
}

function inline(text: Text): string {
    return text.map(part => typeof part === 'string' ? escapeHtml(part)
        : 'strong' in part ? `<strong>${escapeHtml(part.strong)}</strong>` : `<code>${escapeHtml(part.code)}</code>`).join('');
}

function block(b: Block, diagramSvg: string): string {
    switch (b.kind) {
        case 'heading': return `<h${b.level}>${inline(b.text)}</h${b.level}>`;
        case 'paragraph': return `<p>${inline(b.text)}</p>`;
        case 'list': return `<ul>${b.items.map(item => `<li>${inline(item)}</li>`).join('')}</ul>`;
        case 'table': return `<table><thead><tr>${b.header.map(h => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`
            + `<tbody>${b.rows.map(row => `<tr>${row.map(cell => `<td>${inline(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
        // The SVG comes from Resil's own renderer, which escapes the design's text.
        case 'diagram': return `<figure class="diagram">${diagramSvg}</figure>`;
    }
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{background:#f6f8fa;padding:0 .2rem}figure.diagram{margin:1rem 0;overflow:auto}figure.diagram svg{max-width:100%;height:auto}`;

/** The report as one self-contained HTML page: no script, no outside resource; the diagram inline as SVG. */
export function renderHtml(blocks: readonly Block[], diagramSvg: string, title: string): string {
    return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        + '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">'
        + `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body>\n`
        + blocks.map(b => block(b, diagramSvg)).join('\n') + '\n</body></html>\n';
}
