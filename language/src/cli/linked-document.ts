import { findingsOf, hasParseOrLinkErrors } from '../workspace/findings.js';
import type { ResilDocument } from '../workspace/documents.js';
import { terminalText } from '../util/sanitise.js';
import { displayPath, findingLine } from './finding-text.js';
import { createCliServices, loadDocument } from './load.js';
import { UsageError } from './usage-error.js';

/**
 * Loads one design for a command that needs it linked (diagram, generate ...): a file that does not parse or link
 * is a usage error (exit 2) listing its errors as `file:line:column severity rule message`.
 */
export async function loadLinkedDocument(file: string): Promise<ResilDocument> {
    const document = await loadDocument(createCliServices(), file);
    const findings = findingsOf(document, displayPath(file));
    if (hasParseOrLinkErrors(findings)) {
        const errors = findings.filter(f => f.severity === 'error').map(findingLine);
        throw new UsageError(`${terminalText(file)} does not parse or link:\n${errors.join('\n')}`);
    }
    return document;
}
