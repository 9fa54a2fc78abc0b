import { DefaultWorkspaceManager, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { messageOf } from '../util/errors.js';

/**
 * Langium's start-up lists the workspace's files, then reads each; a file that vanishes or cannot be read in between
 * (deleted by another program, no permission) rejects the start-up before it marks the workspace ready, and every
 * request and every later build waits for that forever. Here a failed start-up is reported and the workspace is
 * ready all the same: the documents read so far are built with the next change, the missing file is not.
 */
export class ResilWorkspaceManager extends DefaultWorkspaceManager {
    constructor(private readonly services: LangiumSharedServices) {
        super(services);
    }

    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        try {
            return await super.performStartup(folders);
        } catch (error) {
            this.services.lsp.Connection?.console.error(`Resil could not read every file of the workspace: ${messageOf(error)}`);
            this._ready.resolve();
            return [];
        }
    }
}
