import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { ElkEngine } from '../../language/src/diagram/layout.js';
import { blastRadiusRequest } from '../../language/src/lsp/blast-radius-request.js';
import { cdkExportRequest, cdkPreviewRequest } from '../../language/src/lsp/cdk-requests.js';
import { diagramRequest, type DiagramLayouts } from '../../language/src/lsp/diagram-request.js';
import { registerDocumentRequests } from '../../language/src/lsp/document-request.js';
import { failureTargetsRequest, reportSectionsRequest, requirementsRequest } from './design-requests.js';
import { diagramSvgRequest } from './diagram-export.js';

/** Every custom request the server answers (language/src/protocol), each about one design. */
export function registerResilRequests(connection: Connection, shared: LangiumSharedServices, layouts: DiagramLayouts, elk: ElkEngine): void {
    registerDocumentRequests(connection, shared, [
        blastRadiusRequest,
        failureTargetsRequest,
        requirementsRequest,
        reportSectionsRequest,
        diagramRequest(layouts),
        diagramSvgRequest(elk),
        cdkExportRequest,
        cdkPreviewRequest,
    ]);
}
