/**
 * How many rows of the setup list a WorkspaceState carries (workspace:info,
 * workspace:changed), and so the page size the renderer fetches. A module of
 * its own, with no imports: the renderer's first screen needs this number,
 * and importing it from ipc-contract would bring every channel's schema (and
 * through them zod and all the code generators) into the first screen.
 */
export const WORKSPACE_STATE_ROWS = 100
