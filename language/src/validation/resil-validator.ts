import type { ValidationChecks } from 'langium';
import type { ResilAstType } from '../generated/ast.js';
import type { ResilServices } from '../resil-module.js';
import { AlbValidator } from './alb-validator.js';
import { AllowValidator } from './allow-validator.js';
import { CellValidator } from './cell-validator.js';
import { ConfigValidator } from './config-validator.js';
import { ContainersValidator } from './containers-validator.js';
import { DataValidator } from './data-validator.js';
import { DependencyCycleValidator } from './dependency-cycle-validator.js';
import { LambdaValidator } from './lambda-validator.js';
import { NameValidator } from './name-validator.js';
import { PropertyValidator } from './property-validator.js';
import { ReferenceKindValidator } from './reference-kind-validator.js';
import { RequirementsValidator } from './requirements-validator.js';
import { StreamsValidator } from './streams-validator.js';
import { TopologyValidator } from './topology-validator.js';
import { UnknownElementValidator } from './unknown-element-validator.js';
import { ValueRangeValidator } from './value-range-validator.js';

/** Wires every validator module; one module per concern. */
export function registerValidationChecks(services: ResilServices): void {
    const registry = services.validation.ValidationRegistry;
    const reporter = services.validation.RuleReporter;
    const allows = new AllowValidator(reporter);
    const checks: Array<ValidationChecks<ResilAstType>> = [
        new NameValidator(reporter).checks(),
        new PropertyValidator(reporter).checks(),
        allows.checks(),
        new ReferenceKindValidator(reporter).checks(),
        ...new ValueRangeValidator(reporter).checks(),
        new CellValidator(reporter).checks(),
        new AlbValidator(reporter).checks(),
        new DependencyCycleValidator(reporter).checks(),
        new UnknownElementValidator(reporter).checks(),
        new ConfigValidator(reporter, services.config.RuleConfig).checks(),
        new LambdaValidator(reporter).checks(),
        new ContainersValidator(reporter).checks(),
        new DataValidator(reporter).checks(),
        new StreamsValidator(reporter).checks(),
        new TopologyValidator(reporter).checks(),
        new RequirementsValidator(reporter).checks(),
    ];
    // Each run of a document starts with no allow used (the same AST is validated again when settings change).
    registry.registerBeforeDocument(root => reporter.startDocument(root));
    for (const check of checks) registry.register(check);
    // After every node check of the document: only then is it known which allows were used. Keep this the last
    // registration: a rule reported from a later after-document check would find its allow already called unused.
    allows.registerAfterDocument(registry);
}
