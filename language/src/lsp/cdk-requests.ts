import * as path from 'node:path';
import { CstUtils, DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError, type Connection } from 'vscode-languageserver';
import { CDK_GENERATOR_ID, generateCdkApp, previewStack } from '../generator/cdk/generate.js';
import { OutputFolderError, writeGeneratedFiles } from '../generator/output-folder.js';
import type { Model } from '../generated/ast.js';
import { getTopology, type Topology, type TopologyRegion } from '../model/topology.js';
import { hasParseOrLinkErrors, findingsOf } from '../workspace/findings.js';
import {
    CDK_EXPORT_REQUEST, CDK_FOLDER_NOT_EMPTY, CDK_PREVIEW_REQUEST,
    type CdkExportParams, type CdkExportResult, type CdkPosition, type CdkPreviewParams, type CdkPreviewResult,
} from './cdk-protocol.js';

const INVALID_PARAMS = -32602;

/** Registers `resil/exportCdk` (writes the app, like `resil generate cdk`) and `resil/previewCdk` (writes nothing). */
export function registerCdkRequests(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(CDK_EXPORT_REQUEST, (params: unknown) => exportCdk(shared, params as CdkExportParams));
    connection.onRequest(CDK_PREVIEW_REQUEST, (params: unknown) => previewCdk(shared, params as CdkPreviewParams));
}

export async function exportCdk(shared: LangiumSharedServices, params: CdkExportParams): Promise<CdkExportResult> {
    if (typeof params?.folder !== 'string' || !path.isAbsolute(params.folder)) throw new ResponseError(INVALID_PARAMS, 'expected an absolute folder');
    const document = await linkedDocument(shared, params?.uri);
    const topology = getTopology(document.parseResult.value);
    const app = generateCdkApp(topology);
    try {
        const report = writeGeneratedFiles(params.folder, app.files, { force: params.force === true, generator: CDK_GENERATOR_ID });
        const region = regionAt(document, topology, params.position) ?? topology.regions[0];
        const stack = region ? app.stackFiles.get(region.id) : undefined;
        return { ...report, warnings: app.warnings, stackFile: stack ? path.join(report.folder, stack) : undefined };
    } catch (error) {
        if (error instanceof OutputFolderError) throw new ResponseError(CDK_FOLDER_NOT_EMPTY, error.message);
        throw error;
    }
}

export async function previewCdk(shared: LangiumSharedServices, params: CdkPreviewParams): Promise<CdkPreviewResult> {
    const document = await linkedDocument(shared, params?.uri);
    const topology = getTopology(document.parseResult.value);
    const region = (params.region ? topology.regions.find(r => r.name === params.region) : undefined)
        ?? regionAt(document, topology, params.position) ?? topology.regions[0];
    if (!region) return { content: '// The design has no region yet: nothing to preview.\n' };
    return { region: region.name, ...previewStack(topology, region) };
}

/** The linked document at `uri`; a design that does not parse or link has no app. */
async function linkedDocument(shared: LangiumSharedServices, uri: unknown): Promise<LangiumDocument<Model>> {
    if (typeof uri !== 'string') throw new ResponseError(INVALID_PARAMS, 'expected { uri: string }');
    const parsed = URI.parse(uri);
    if (!shared.workspace.LangiumDocuments.hasDocument(parsed)) throw new ResponseError(INVALID_PARAMS, `not a Resil document the server knows: ${uri}`);
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed);
    const document = shared.workspace.LangiumDocuments.getDocument(parsed) as LangiumDocument<Model>;
    if (hasParseOrLinkErrors(findingsOf(document, parsed.path))) {
        throw new ResponseError(INVALID_PARAMS, 'The design has syntax or reference errors: fix them (see Problems) before exporting a CDK app.');
    }
    return document;
}

function regionAt(document: LangiumDocument<Model>, topology: Topology, position: CdkPosition | undefined): TopologyRegion | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!position || !root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
    return topology.regionOf(leaf?.astNode);
}
