import type { LanguageClient } from 'vscode-languageclient/node.js';
import {
    BLAST_RADIUS_REQUEST, DIAGRAM_SVG_REQUEST, FAILURE_TARGETS_REQUEST, REQUIREMENTS_REQUEST,
    type BlastRadiusParams, type BlastRadiusResult, type DiagramSvgParams, type DiagramSvgResult, type FailureTargetsResult,
    type RequirementsResult,
} from '../../server/src/protocol.js';
import {
    CDK_EXPORT_REQUEST, CDK_PREVIEW_REQUEST,
    type CdkExportParams, type CdkExportResult, type CdkPreviewParams, type CdkPreviewResult,
} from '../../language/src/lsp/cdk-protocol.js';

/** Typed calls of the server's custom requests; every one waits for the server to be running first. */
export class ServerRequests {
    constructor(private readonly client: () => LanguageClient) { }

    blastRadius(params: BlastRadiusParams): Promise<BlastRadiusResult> {
        return this.send(BLAST_RADIUS_REQUEST, params);
    }

    failureTargets(uri: string): Promise<FailureTargetsResult> {
        return this.send(FAILURE_TARGETS_REQUEST, { uri });
    }

    requirements(uri: string): Promise<RequirementsResult> {
        return this.send(REQUIREMENTS_REQUEST, { uri });
    }

    diagramSvg(params: DiagramSvgParams): Promise<DiagramSvgResult> {
        return this.send(DIAGRAM_SVG_REQUEST, params);
    }

    cdkExport(params: CdkExportParams): Promise<CdkExportResult> {
        return this.send(CDK_EXPORT_REQUEST, params);
    }

    cdkPreview(params: CdkPreviewParams): Promise<CdkPreviewResult> {
        return this.send(CDK_PREVIEW_REQUEST, params);
    }

    private async send<R>(method: string, params: object): Promise<R> {
        const client = this.client();
        if (!client.isRunning()) await client.start();
        return client.sendRequest<R>(method, params);
    }
}
