/** Groups each `NAME.meta.json` with the file `NAME.*` it describes, so both go in one request. */
export function groupWithMetadata(files: readonly File[]): File[][] {
  const metadata = new Map(files.filter((file) => file.name.endsWith('.meta.json')).map((file) => [file.name.slice(0, -'.meta.json'.length), file]));
  const used = new Set<File>();
  const groups: File[][] = [];
  for (const file of files) {
    if (file.name.endsWith('.meta.json')) {
      continue;
    }
    const stem = file.name.replace(/\.[^.]+$/u, '');
    const meta = metadata.get(stem);
    if (meta !== undefined) {
      used.add(meta);
    }
    groups.push(meta === undefined ? [file] : [file, meta]);
  }
  for (const meta of metadata.values()) {
    if (!used.has(meta)) {
      groups.push([meta]);
    }
  }
  return groups;
}
