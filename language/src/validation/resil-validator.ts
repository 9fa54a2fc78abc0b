import type { ValidationChecks } from 'langium';
import type { ResilAstType } from '../generated/ast.js';
import type { ResilServices } from '../resil-module.js';
import { NameValidator } from './name-validator.js';

/** Wires every validator module; one module per concern. */
export function registerValidationChecks(services: ResilServices): void {
    const registry = services.validation.ValidationRegistry;
    const reporter = services.validation.RuleReporter;
    const checks: Array<ValidationChecks<ResilAstType>> = [
        new NameValidator(reporter).checks(),
    ];
    for (const check of checks) registry.register(check);
}
