// What survives a closed tab: for each unfinished upload, which blocks storage already holds.
// The upload SAS is create/write only, so the page cannot ask storage for its uncommitted blocks: it must remember them.

const prefix = 'scipion.upload.';

const keyOf = (projectId, path) => `${prefix}${projectId}/${path}`;

function read(key) {
  try { return JSON.parse(localStorage.getItem(key)); } catch { return null; }
}

/** The record for this file, or a new one when there is none or it was for another file (name, size, date) or block size. */
export function open(projectId, path, file, blockSize) {
  const key = keyOf(projectId, path);
  const saved = read(key);
  if (saved && saved.name === file.name && saved.size === file.size && saved.lastModified === file.lastModified && saved.blockSize === blockSize) {
    return saved;
  }
  // A fresh tag keeps block ids of an abandoned attempt out of this one's block list; all ids keep one length, as storage requires.
  const tag = Array.from(crypto.getRandomValues(new Uint8Array(4)), b => b.toString(16).padStart(2, '0')).join('');
  const record = {
    projectId, path, tag, blockSize,
    name: file.name, size: file.size, lastModified: file.lastModified,
    blockCount: Math.ceil(file.size / blockSize), staged: [],
  };
  save(record);
  return record;
}

export function save(record) {
  localStorage.setItem(keyOf(record.projectId, record.path), JSON.stringify(record));
}

export function remove(record) {
  localStorage.removeItem(keyOf(record.projectId, record.path));
}

/** Unfinished uploads of a project, to offer resuming them. */
export function pending(projectId) {
  const records = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key.startsWith(`${prefix}${projectId}/`)) {
      const record = read(key);
      if (record) records.push(record);
    }
  }
  return records.sort((a, b) => a.path.localeCompare(b.path));
}

export const blockId = (record, index) => btoa(`${record.tag}-${String(index).padStart(6, '0')}`);
