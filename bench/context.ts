import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchContext } from './registry.js';
import { generateModel } from '../test/support/generate-model.js';

/** Generated models live in one folder per bench run, shared by the parent and its child processes. */
export function benchContext(folder: string): BenchContext {
    const modelFile = (services: number) => {
        const file = path.join(folder, `model-${services}.resil`);
        if (!fs.existsSync(file)) {
            // Write then rename, so a child never reads a half-written file.
            const partial = `${file}.${process.pid}.tmp`;
            fs.writeFileSync(partial, generateModel({ services }).text);
            fs.renameSync(partial, file);
        }
        return file;
    };
    const texts = new Map<number, string>();
    return {
        modelFile,
        modelText: (services) => {
            let text = texts.get(services);
            if (text === undefined) texts.set(services, text = fs.readFileSync(modelFile(services), 'utf8'));
            return text;
        },
    };
}
