/** Process exit codes of the CLI: `failures` means the run finished but some inputs failed. */
export const EXIT = { ok: 0, failures: 1, usage: 2, internal: 3 } as const;
