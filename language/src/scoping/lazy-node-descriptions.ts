import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, type AstNode, type AstNodeDescription, type DocumentSegment, type LangiumDocument } from 'langium';

/**
 * Langium's descriptions of named elements, with the path of the node and its selection range made when first
 * read. Every service of a design gets a description for the scopes; linking reads only its name, type and node,
 * while building the path string and the range objects up front cost a tenth of a 10,000-service check.
 */
export class LazyAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const locator = this.astNodeLocator;
        const nameProvider = this.nameProvider;
        const documentUri = (document ?? AstUtils.getDocument(node)).uri;
        name ??= nameProvider.getName(node);
        if (!name) throw new Error(`Node at path ${locator.getAstNodePath(node)} has no name.`);
        let path: string | undefined;
        let selectionSegment: DocumentSegment | undefined;
        let nameSegment: DocumentSegment | undefined;
        return {
            node,
            name,
            get nameSegment() {
                return nameSegment ??= CstUtils.toDocumentSegment(nameProvider.getNameNode(node) ?? node.$cstNode);
            },
            get selectionSegment() {
                return selectionSegment ??= CstUtils.toDocumentSegment(node.$cstNode);
            },
            type: node.$type,
            documentUri,
            get path() {
                return path ??= locator.getAstNodePath(node);
            },
        };
    }
}
