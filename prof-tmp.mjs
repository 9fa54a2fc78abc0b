import { createResilServices } from '/work/main/out/language/src/resil-module.js';
import { NodeFileSystem } from 'langium/node';
import { URI } from 'langium';
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
const text = fs.readFileSync(process.argv[2], 'utf8');
const phase = process.argv[3];
const { shared } = createResilServices(NodeFileSystem);
const session = new Session(); session.connect();
for (let i = 0; i < 2; i++) {
  const prof = i === 1;
  if (prof && phase === 'parse') { await session.post('Profiler.enable'); await session.post('Profiler.start'); }
  const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/x${i}.resil`));
  if (prof && phase === 'parse') { const { profile } = await session.post('Profiler.stop'); fs.writeFileSync('/tmp/perf/p.cpuprofile', JSON.stringify(profile)); }
  shared.workspace.LangiumDocuments.addDocument(doc);
  if (prof && phase === 'link') { await session.post('Profiler.enable'); await session.post('Profiler.start'); }
  await shared.workspace.DocumentBuilder.build([doc], { validation: false });
  if (prof && phase === 'link') { const { profile } = await session.post('Profiler.stop'); fs.writeFileSync('/tmp/perf/p.cpuprofile', JSON.stringify(profile)); }
  if (prof && phase === 'validate') { await session.post('Profiler.enable'); await session.post('Profiler.start'); }
  await shared.workspace.DocumentBuilder.build([doc], { validation: true });
  if (prof && phase === 'validate') { const { profile } = await session.post('Profiler.stop'); fs.writeFileSync('/tmp/perf/p.cpuprofile', JSON.stringify(profile)); }
}
