import type { LanguageClient, RequestType } from 'vscode-languageclient/node.js';
import { ReportSectionsRequest, type ReportSectionsResult } from '../../language/src/protocol/index.js';
import {
    BlastRadiusRequest, CdkExportRequest, CdkPreviewRequest, DiagramRequest, DiagramSvgRequest, FailureTargetsRequest, RequirementsRequest,
    type BlastRadiusJson, type BlastRadiusParams, type CdkExportParams, type CdkExportResult, type CdkPreviewParams, type CdkPreviewResult,
    type DiagramParams, type DiagramResult, type DiagramSvgParams, type DiagramSvgResult, type FailureTargetsResult, type RequirementsResult,
} from '../../language/src/protocol/index.js';

/** Typed calls of the server's custom requests; every one waits for the server to be running first. */
export class ServerRequests {
    constructor(private readonly client: () => LanguageClient) { }

    blastRadius(params: BlastRadiusParams): Promise<BlastRadiusJson> {
        return this.send(BlastRadiusRequest, params);
    }

    failureTargets(uri: string): Promise<FailureTargetsResult> {
        return this.send(FailureTargetsRequest, { uri });
    }

    requirements(uri: string): Promise<RequirementsResult> {
        return this.send(RequirementsRequest, { uri });
    }

    reportSections(uri: string): Promise<ReportSectionsResult> {
        return this.send(ReportSectionsRequest, { uri });
    }

    diagram(params: DiagramParams): Promise<DiagramResult> {
        return this.send(DiagramRequest, params);
    }

    diagramSvg(params: DiagramSvgParams): Promise<DiagramSvgResult> {
        return this.send(DiagramSvgRequest, params);
    }

    cdkExport(params: CdkExportParams): Promise<CdkExportResult> {
        return this.send(CdkExportRequest, params);
    }

    cdkPreview(params: CdkPreviewParams): Promise<CdkPreviewResult> {
        return this.send(CdkPreviewRequest, params);
    }

    private async send<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
        const client = this.client();
        if (!client.isRunning()) await client.start();
        return client.sendRequest(type, params);
    }
}
