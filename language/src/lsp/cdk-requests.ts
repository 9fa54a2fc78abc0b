import * as path from 'node:path';
import { CstUtils, DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError } from 'vscode-languageserver';
import { CDK_GENERATOR_ID, generateCdkApp, previewStack, unmappedText } from '../generator/cdk/generate.js';
import { OutputFolderError, writeGeneratedFiles } from '../generator/output-folder.js';
import type { Model } from '../generated/ast.js';
import { getTopology, type Topology, type TopologyRegion } from '../model/topology.js';
import {
    CDK_DESIGN_HAS_ERRORS, CDK_FOLDER_NOT_EMPTY, CdkExportRequest, CdkPreviewRequest, invalidParams, parseCdkExportParams, parseCdkPreviewParams,
    type CdkExportParams, type CdkExportResult, type CdkPosition, type CdkPreviewParams, type CdkPreviewResult,
} from '../protocol/index.js';
import { hasParseOrLinkErrors, findingsOf } from '../workspace/findings.js';
import { answerDocumentRequest, type DocumentRequest } from './document-request.js';

/** `resil/exportCdk`: writes the app, like `resil generate cdk`. */
export const cdkExportRequest: DocumentRequest<CdkExportParams, CdkExportResult> = {
    type: CdkExportRequest,
    params: parseCdkExportParams,
    state: DocumentState.Validated,
    answer(document, params) {
        const topology = generatableTopology(document);
        if (!params.withErrors) refuseErrors(document);
        const app = generateCdkApp(topology);
        try {
            const report = writeGeneratedFiles(params.folder, app.files, { force: params.force === true, generator: CDK_GENERATOR_ID });
            const region = regionAt(document, topology, params.position) ?? topology.regions[0];
            const stack = region ? app.stackFiles.get(region.id) : undefined;
            // What the app does not carry shows with the warnings, as `resil generate` lists it on stderr.
            const warnings = [...app.warnings, ...app.unmapped.map(u => `not generated: ${unmappedText(u)}`)];
            return { ...report, warnings, stackFile: stack ? path.join(report.folder, stack) : undefined };
        } catch (error) {
            if (error instanceof OutputFolderError) throw new ResponseError(CDK_FOLDER_NOT_EMPTY, error.message);
            throw error;
        }
    },
};

/** `resil/previewCdk`: the stack of one region, generated in memory; writes nothing. */
export const cdkPreviewRequest: DocumentRequest<CdkPreviewParams, CdkPreviewResult> = {
    type: CdkPreviewRequest,
    params: parseCdkPreviewParams,
    state: DocumentState.Validated,
    answer(document, params) {
        const topology = generatableTopology(document);
        const region = (params.region ? topology.regions.find(r => r.name === params.region) : undefined)
            ?? regionAt(document, topology, params.position) ?? topology.regions[0];
        if (!region) return { content: '// The design has no region yet: nothing to preview.\n' };
        return { region: region.name, ...previewStack(topology, region) };
    },
};

export function exportCdk(shared: LangiumSharedServices, params: CdkExportParams): Promise<CdkExportResult> {
    return answerDocumentRequest(shared, cdkExportRequest, params);
}

export function previewCdk(shared: LangiumSharedServices, params: CdkPreviewParams): Promise<CdkPreviewResult> {
    return answerDocumentRequest(shared, cdkPreviewRequest, params);
}

/** The topology of a design that parses and links; one that does not has no app. */
function generatableTopology(document: LangiumDocument<Model>): Topology {
    if (hasParseOrLinkErrors(findingsOf(document, document.uri.path))) {
        throw invalidParams('The design has syntax or reference errors: fix them (see Problems) before exporting a CDK app.');
    }
    return getTopology(document.parseResult.value);
}

/** Like `resil generate cdk` without --force: a design with errors is not exported unless the user confirms. */
function refuseErrors(document: LangiumDocument<Model>): void {
    const file = path.posix.basename(document.uri.path);
    const errors = findingsOf(document, file).filter(f => f.severity === 'error');
    if (errors.length === 0) return;
    const lines = errors.slice(0, 20).map(e => `${e.file}:${e.line}:${e.column} ${e.rule}: ${e.message}`);
    if (errors.length > lines.length) lines.push(`... and ${errors.length - lines.length} more (see Problems)`);
    throw new ResponseError(CDK_DESIGN_HAS_ERRORS,
        `${file} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: its app would carry what the generator happened to read. Fix ${errors.length === 1 ? 'it' : 'them'} first, or export anyway.\n${lines.join('\n')}`);
}

function regionAt(document: LangiumDocument<Model>, topology: Topology, position: CdkPosition | undefined): TopologyRegion | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!position || !root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
    return topology.regionOf(leaf?.astNode);
}
