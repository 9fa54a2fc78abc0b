import { RequestType } from 'vscode-languageserver-protocol';
import type { DocumentParams } from './params.js';

export interface ReportSectionsResult {
    /** Markdown: estimated RTO/RPO per disruption against the targets, the DR strategy, availability per entry point. */
    readonly markdown: string;
}

/** The sections of the resilience report that come from the recovery analysis, rendered as `resil report` renders them. */
export const ReportSectionsRequest = new RequestType<DocumentParams, ReportSectionsResult, void>('resil/reportSections');
