// What the phone keeps of visits, for visit.js: the outbox of submitted visits not yet answered by the server
// (IndexedDB), and the draft of the visit under way — its start, checklist, notes and visitors in localStorage (read at
// once when the page opens), the photos chosen in IndexedDB (files do not fit in localStorage). A draft is keyed by
// the household (the form's data-draft) and carries the visit's idempotency key, so that the outbox clears the draft of
// the visit it sent and never a later one of the same household.
(function () {
  "use strict";
  const DB_NAME = "taizhang-outbox", OUTBOX = "visits", PHOTOS = "draft-photos";

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 2);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: "key" });
        if (!db.objectStoreNames.contains(PHOTOS)) db.createObjectStore(PHOTOS, { keyPath: "id" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function store(name, mode, work) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(name, mode);
      const result = work(tx.objectStore(name));
      tx.oncomplete = () => { db.close(); resolve(result && result.result); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    });
  }

  const outbox = {
    put: (record) => store(OUTBOX, "readwrite", (s) => s.put(record)),
    remove: (key) => store(OUTBOX, "readwrite", (s) => s.delete(key)),
    all: () => store(OUTBOX, "readonly", (s) => s.getAll()),
  };

  // The draft's text part: {key, started, date, time, fields: [[name, value], …], photoNames: […]}.
  function read(id) {
    try { return JSON.parse(localStorage.getItem(id) || "null"); } catch (error) { return null; }
  }

  function write(id, draft) {
    try { localStorage.setItem(id, JSON.stringify(draft)); } catch (error) { /* full or private mode: no draft */ }
  }

  const photos = {
    put: (id, key, files) => window.indexedDB
      ? store(PHOTOS, "readwrite", (s) => s.put({ id, key, files })).catch(() => {}) : Promise.resolve(),
    get: async (id, key) => {
      if (!window.indexedDB) return [];
      try {
        const saved = await store(PHOTOS, "readonly", (s) => s.get(id));
        return saved && saved.key === key ? saved.files : [];
      } catch (error) { return []; }
    },
  };

  // Forget a household's draft; with a key, only if the draft is still that visit's.
  async function clear(id, key) {
    const draft = read(id);
    if (!draft || (key && draft.key !== key)) return;
    try { localStorage.removeItem(id); } catch (error) { /* nothing kept */ }
    if (window.indexedDB) await store(PHOTOS, "readwrite", (s) => s.delete(id)).catch(() => {});
  }

  window.taizhangVisitStore = { outbox, drafts: { read, write, clear, photos } };
})();
