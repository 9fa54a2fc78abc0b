import { AstUtils, GrammarUtils, type ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver';
import { isAvailabilityRequirement, type Model, type Requirement } from '../generated/ast.js';
import { analysisOf } from '../analysis/analysis.js';
import { checkRequirement } from '../analysis/requirements.js';
import type { TopologyComponent } from '../model/topology.js';
import type { RuleReporter } from './rule-reporter.js';
import { hasUnresolvedReferences } from '../workspace/unresolved-references.js';

/** `requirement-violated`: each `require` line is checked by simulating the failures it names. */
export class RequirementsValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly check = (requirement: Requirement, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(requirement);
        // A half-typed design with unresolved references would report failures of edges that are not there yet.
        if (hasUnresolvedReferences(document)) return;
        // `require availability 101%`: value-range says what is wrong; a requirement no design can meet adds nothing.
        if (isAvailabilityRequirement(requirement) && requirement.target > 100) return;
        const result = checkRequirement(analysisOf(AstUtils.findRootNode(requirement) as Model), requirement);
        if (result.holds) return;
        this.reporter.report(accept, 'requirement-violated', result.message, {
            node: requirement,
            relatedInformation: result.causes.flatMap(c => relatedInformation(document.uri.toString(), c)),
        });
    };
}

function relatedInformation(uri: string, component: TopologyComponent): DiagnosticRelatedInformation[] {
    const cst = GrammarUtils.findNodeForProperty(component.ast.$cstNode, 'name') ?? component.ast.$cstNode;
    if (!cst) return [];
    return [{ location: { uri, range: cst.range }, message: `${component.kind} ${component.id}` }];
}
