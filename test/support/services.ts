import { EmptyFileSystem } from 'langium';
import { createResilServices, type ResilServices } from '../../language/src/resil-module.js';
import { buildText, type ResilDocument } from '../../language/src/workspace/documents.js';
import type { Diagnostic } from 'vscode-languageserver';

let services: ResilServices | undefined;

/** One set of services for all unit tests (no file system: documents come from strings). */
export function testServices(): ResilServices {
    services ??= createResilServices(EmptyFileSystem).Resil;
    return services;
}

let counter = 0;

/** Parses, links and validates `text` as a fresh document. */
export function build(text: string): Promise<ResilDocument> {
    return buildText(testServices(), text, `test-${++counter}.resil`);
}

/** The diagnostics of `text` whose code is `rule` (all of them when no rule is given). */
export async function diagnostics(text: string, rule?: string): Promise<Diagnostic[]> {
    const document = await build(text);
    const all = document.diagnostics ?? [];
    return rule ? all.filter(d => d.code === rule) : all;
}

/** Wraps region members in a minimal system with one region `use1` of three AZs a, b, c. */
export function inRegion(members: string): string {
    return `system T {\n  region use1 "us-east-1" {\n    az a\n    az b\n    az c\n${members}\n  }\n}\n`;
}
