import * as path from 'node:path';
import { URI } from 'langium';
import { findingsOf, hasParseOrLinkErrors } from '../workspace/findings.js';
import { buildDocuments, type ResilDocument } from '../workspace/documents.js';
import { terminalText } from '../util/sanitise.js';
import { displayPath, findingLine } from './finding-text.js';
import { createCliServices, readDesignFile } from './load.js';
import { SystemDiscovery } from './system-discovery.js';
import { UsageError } from './usage-error.js';

/**
 * Loads one system for a command that needs it linked (diagram, generate ...): its file, or a folder holding one
 * system, with the files that are part of it. A part alone is refused, saying where its system is. A system that does
 * not parse or link is a usage error (exit 2) listing its errors as `file:line:column severity rule message`.
 * Returns the document of the system's main file: its topology is the whole system's.
 */
export async function loadLinkedDocument(input: string): Promise<ResilDocument> {
    const discovery = new SystemDiscovery();
    const main = discovery.mainFileOf(input);
    const files = discovery.withTheirSystems([main]);
    const documents = await buildDocuments(createCliServices(), files.map(file => ({ text: readDesignFile(file), uri: URI.file(path.resolve(file)) })));
    const findings = documents.flatMap((document, i) => findingsOf(document, displayPath(files[i])));
    if (hasParseOrLinkErrors(findings)) {
        const errors = findings.filter(f => f.severity === 'error').map(findingLine);
        throw new UsageError(`${terminalText(input)} does not parse or link:\n${errors.join('\n')}`);
    }
    return documents[0];
}
