import * as assert from 'node:assert/strict';
import { DefaultReferenceDescriptionProvider, URI, type ReferenceDescription } from 'langium';
import { CancellationTokenSource } from 'vscode-languageserver';
import { LazyReferenceDescriptionProvider } from '../../language/src/workspace/lazy-reference-descriptions.js';
import { buildDocuments } from '../../language/src/workspace/documents.js';
import { generateWorkspace } from '../support/generate-model.js';
import { LANGUAGE_TOUR } from '../support/paths.js';
import { testServices } from '../support/services.js';

/** Every field of a description, as text. */
function fields(description: ReferenceDescription): string {
    const { start, end } = description.segment.range;
    return [description.sourceUri.toString(), description.sourcePath, description.targetUri.toString(), description.targetPath,
        `${description.segment.offset}+${description.segment.length} ${start.line}:${start.character}-${end.line}:${end.character}`,
        String(description.local)].join(' ');
}

describe('the index of references', () => {
    it('describes each reference as Langium does, across the files of a system and within one', async () => {
        const services = testServices();
        assert.ok(services.shared.workspace.IndexManager && services.workspace.ReferenceDescriptionProvider instanceof LazyReferenceDescriptionProvider);
        const files = generateWorkspace({ systems: 1, servicesPerSystem: 120, regions: 2, blockFilesPerRegion: 1 });
        const documents = await buildDocuments(services, [
            ...files.map(f => ({ text: f.text, uri: URI.file(`/reference-descriptions/${f.file}`) })),
            { text: LANGUAGE_TOUR, uri: URI.file('/reference-descriptions/tour.resil') },
        ]);
        const langium = new DefaultReferenceDescriptionProvider(services);
        let crossFile = 0;
        for (const document of documents) {
            const ours = await services.workspace.ReferenceDescriptionProvider.createDescriptions(document, new CancellationTokenSource().token);
            const theirs = await langium.createDescriptions(document);
            assert.ok(theirs.length > 0, document.uri.path);
            assert.deepEqual(ours.map(fields), theirs.map(fields), document.uri.path);
            crossFile += ours.filter(d => !d.local).length;
        }
        assert.ok(crossFile > 0, 'references across files');
    });
});
