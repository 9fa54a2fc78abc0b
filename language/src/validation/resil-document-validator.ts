import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl } from './rules.js';
import { humanizeLinkingError, humanizeParserMessage } from './syntax-messages.js';

/**
 * Gives lexer, parser and linker errors rule ids (`syntax`, `unresolved-reference`) and messages a person
 * understands, so that every diagnostic Resil reports carries a rule id.
 */
export class ResilDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const kind = (diagnostic.data as { code?: string } | undefined)?.code;
            if (diagnostic.code !== undefined) continue;
            if (kind === DocumentValidator.LinkingError) {
                diagnostic.code = 'unresolved-reference';
                diagnostic.message = humanizeLinkingError(document, diagnostic);
            } else if (kind === DocumentValidator.LexingError || kind === DocumentValidator.ParsingError) {
                diagnostic.code = 'syntax';
                diagnostic.message = humanizeParserMessage(diagnostic.message);
            } else {
                continue;
            }
            diagnostic.codeDescription = { href: ruleDocsUrl(String(diagnostic.code)) };
        }
        return diagnostics;
    }
}
