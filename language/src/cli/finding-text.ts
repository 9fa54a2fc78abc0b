import * as path from 'node:path';
import type { Finding } from '../workspace/findings.js';
import { terminalText } from '../util/sanitise.js';

/** A path as the user gave it, relative to the working folder when it is inside. */
export function displayPath(file: string): string {
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** `file:line:column severity rule message`, one line whatever the file name or the message hold. */
export function findingLine(f: Finding): string {
    return `${terminalText(f.file)}:${f.line}:${f.column} ${f.severity} ${f.rule} ${terminalText(f.message)}`;
}
