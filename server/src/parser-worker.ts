import { parentPort } from 'node:worker_threads';
import { EmptyFileSystem } from 'langium';
import { createResilServices } from '../../language/src/resil-module.js';

// A parser thread of the language server (see `ResilAsyncParser`): parses a text and sends back the dehydrated result.
const { Resil } = createResilServices(EmptyFileSystem);
const parser = Resil.parser.LangiumParser;
const hydrator = Resil.serializer.Hydrator;
parentPort!.on('message', (text: string) => {
    parentPort!.postMessage(hydrator.dehydrate(parser.parse(text)));
});
