import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, EmptyFileSystem, isOperationCancelled, type AstNode, type ValidationAcceptor } from 'langium';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver';
import type { ResilAstType } from '../../language/src/generated/ast.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { buildText } from '../../language/src/workspace/documents.js';
import { ResilValidationRegistry, validateNodes } from '../../language/src/validation/node-checks.js';
import { allContents } from '../../language/src/util/ast-walk.js';
import { REPO_ROOT } from '../support/paths.js';
import { build } from '../support/services.js';

const TOUR = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'language-tour.resil'), 'utf8');
const VISIT_ALL = () => ({ validateNode: true, validateChildren: true });

describe('node checks (the validation loop)', () => {
    it('checks every node once, in the order of Langium\'s streamAst, with the checks of its type in registration order', async () => {
        const document = await build(TOUR);
        const registry = new ResilValidationRegistry(createResilServices(EmptyFileSystem).Resil);
        const seen: string[] = [];
        const label = (node: AstNode) => `${node.$type}@${node.$cstNode?.offset}`;
        registry.register<ResilAstType>({
            AstNode: [(node: AstNode) => { seen.push(`first ${label(node)}`); }, (node: AstNode) => { seen.push(`second ${label(node)}`); }],
        });
        await validateNodes(registry, document.parseResult.value, undefined, VISIT_ALL, () => undefined, new CancellationTokenSource().token);
        const expected = AstUtils.streamAst(document.parseResult.value).toArray().flatMap(node => [`first ${label(node)}`, `second ${label(node)}`]);
        assert.ok(expected.length > 100, `only ${expected.length} checks`);
        assert.deepStrictEqual(seen, expected);
    });

    it('lists the contents of every node as Langium\'s streamAllContents does', async () => {
        const document = await build(TOUR);
        const label = (node: AstNode) => `${node.$type}@${node.$cstNode?.offset}`;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            const contents = allContents(node);
            const expected = AstUtils.streamAllContents(node).toArray();
            assert.ok(contents.length === expected.length && contents.every((n, i) => n === expected[i]), `${label(node)}: ${contents.map(label).join(' ')}`);
        }
    });

    it('skips the children of a node whose options say so', async () => {
        const document = await build(TOUR);
        const registry = new ResilValidationRegistry(createResilServices(EmptyFileSystem).Resil);
        const types = new Set<string>();
        registry.register<ResilAstType>({ AstNode: (node: AstNode) => { types.add(node.$type); } });
        const onlyAboveRegions = (node: AstNode) => ({ validateNode: true, validateChildren: node.$type !== 'Region' });
        await validateNodes(registry, document.parseResult.value, undefined, onlyAboveRegions, () => undefined, new CancellationTokenSource().token);
        assert.ok(types.has('Region'));
        assert.ok(!types.has('Az') && !types.has('Lambda'), [...types].join(', '));
    });

    it('awaits a check that returns a promise, and turns an exception into a diagnostic on its node as Langium does', async () => {
        const services = createResilServices(EmptyFileSystem).Resil;
        const registry = services.validation.ValidationRegistry;
        assert.ok(registry instanceof ResilValidationRegistry);
        registry.register<ResilAstType>({
            Lambda: [
                () => { throw new Error('a broken check'); },
                async (node, accept: ValidationAcceptor) => {
                    await new Promise(resolve => setTimeout(resolve, 1));
                    accept('warning', 'checked later', { node });
                },
            ],
        });
        const originalError = console.error;
        console.error = () => undefined;
        let diagnostics: Diagnostic[];
        try {
            diagnostics = (await buildText(services, 'system S {\n  region r "us-east-1" {\n    az a\n    lambda f { }\n  }\n}\n')).diagnostics ?? [];
        } finally {
            console.error = originalError;
        }
        const messages = diagnostics.map(d => d.message);
        assert.ok(messages.some(m => m.includes('An error occurred during validation') && m.includes('a broken check')), messages.join('\n'));
        assert.ok(messages.includes('checked later'), messages.join('\n'));
    });

    it('stops with Langium\'s cancellation when the build is cancelled', async () => {
        const document = await build(TOUR);
        const registry = new ResilValidationRegistry(createResilServices(EmptyFileSystem).Resil);
        const source = new CancellationTokenSource();
        let checked = 0;
        registry.register<ResilAstType>({ AstNode: () => { if (++checked === 10) source.cancel(); } });
        await assert.rejects(
            validateNodes(registry, document.parseResult.value, undefined, VISIT_ALL, () => undefined, source.token),
            error => isOperationCancelled(error),
        );
        assert.strictEqual(checked, 10);
    });
});
