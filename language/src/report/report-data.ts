import { isRecoveryRequirement, type Requirement } from '../generated/ast.js';
import type { Analysis } from '../analysis/analysis.js';
import { scenarioJson } from '../analysis/analysis.js';
import { entryAvailability, type EntryAvailability } from '../analysis/availability-report.js';
import { AVAILABILITY_ASSUMPTIONS } from '../analysis/availability.js';
import { drStrategies, type RegionPairStrategy } from '../analysis/dr-strategy.js';
import { DISRUPTIONS, recoveryOf, type Disruption, type RecoveryFigure } from '../analysis/recovery.js';
import { derivation } from '../analysis/recovery-requirement.js';
import { checkRequirement } from '../analysis/requirements.js';
import type { ScenarioJson } from '../protocol/failures.js';
import { parseDuration } from '../util/durations.js';
import { FAILURE_CATEGORIES, FAILURE_CATEGORY_TITLES, ruleById, type FailureCategory } from '../validation/rules.js';
import type { Finding } from '../workspace/findings.js';

/**
 * Everything the resilience report shows, computed from one analysis and the design's findings; the Markdown and
 * HTML renderings (report-markdown.ts, report-html.ts) only format it.
 */
export interface ReportData {
    readonly fileName: string;
    readonly requirements: readonly RequirementRow[];
    readonly disruptions: readonly DisruptionRow[];
    readonly strategies: readonly RegionPairStrategy[];
    readonly availability: readonly EntryAvailability[];
    readonly assumptions: readonly string[];
    readonly scenarios: readonly ScenarioJson[];
    readonly findings: readonly FindingGroup[];
}

export interface RequirementRow {
    readonly text: string;
    /** 1-based. */
    readonly line: number;
    readonly holds: boolean;
    readonly message: string;
}

/** The worst estimate of one objective over every scenario of a disruption type. */
export interface WorstFigure {
    readonly seconds: number;
    readonly scenario: string;
    readonly subject: string;
    readonly derivation: string;
}

export interface DisruptionRow {
    readonly disruption: Disruption;
    readonly scenarios: number;
    /** The limits of the design's `require rto|rpo` lines for this type, in seconds (the strictest). */
    readonly rtoTarget?: number;
    readonly rpoTarget?: number;
    readonly rto?: WorstFigure;
    readonly rpo?: WorstFigure;
}

export interface FindingGroup {
    readonly category: FailureCategory;
    readonly title: string;
    readonly findings: readonly Finding[];
}

export function buildReportData(analysis: Analysis, fileName: string, findings: readonly Finding[]): ReportData {
    const requirements = analysis.topology.system?.requirements ?? [];
    return {
        fileName,
        requirements: requirements.map(r => requirementRow(analysis, r)),
        disruptions: DISRUPTIONS.map(d => disruptionRow(analysis, d, requirements)),
        strategies: drStrategies(analysis.topology),
        availability: entryAvailability(analysis),
        assumptions: AVAILABILITY_ASSUMPTIONS,
        scenarios: [...analysis.singleFailures(), ...analysis.scenarioBlocks()].map(scenarioJson),
        findings: groupFindings(findings),
    };
}

function requirementRow(analysis: Analysis, requirement: Requirement): RequirementRow {
    const result = checkRequirement(analysis, requirement);
    const cst = requirement.$cstNode;
    return { text: cst?.text.replace(/\s+/g, ' ') ?? requirement.$type, line: (cst?.range.start.line ?? 0) + 1, holds: result.holds, message: result.message };
}

function disruptionRow(analysis: Analysis, disruption: Disruption, requirements: readonly Requirement[]): DisruptionRow {
    const limit = (objective: 'rto' | 'rpo') => {
        const limits = requirements.filter(isRecoveryRequirement)
            .filter(r => r.objective === objective && r.disruption === disruption)
            .map(r => parseDuration(r.max ?? '').seconds)
            .filter((s): s is number => s !== undefined);
        return limits.length > 0 ? Math.min(...limits) : undefined;
    };
    const recoveries = recoveryOf(analysis, disruption);
    const worst = (pick: (r: typeof recoveries[number]) => readonly RecoveryFigure[]): WorstFigure | undefined => {
        let found: WorstFigure | undefined;
        for (const recovery of recoveries) {
            for (const figure of pick(recovery)) {
                if (found && figure.seconds <= found.seconds) continue;
                found = { seconds: figure.seconds, scenario: recovery.scenario.name, subject: figure.subject, derivation: derivation(figure) };
            }
        }
        return found;
    };
    return {
        disruption, scenarios: recoveries.length,
        rtoTarget: limit('rto'), rpoTarget: limit('rpo'),
        rto: worst(r => r.rto), rpo: worst(r => r.rpo),
    };
}

function groupFindings(findings: readonly Finding[]): FindingGroup[] {
    return FAILURE_CATEGORIES.map(category => ({
        category,
        title: FAILURE_CATEGORY_TITLES[category],
        findings: findings.filter(f => (ruleById(f.rule)?.failureCategory ?? 'misconfiguration-and-bugs') === category),
    }));
}
