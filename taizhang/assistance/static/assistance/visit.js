// 入户走访 on the phone: 开始 records the start (and, if allowed, the position), 结束 records the end and submits.
// A submitted visit goes into an outbox in IndexedDB first and leaves it only when the server has answered, so a
// dropped connection loses nothing: the outbox is re-sent when the network returns (and on every assistance page).
// The idempotency key sent with it makes a re-send find the first visit instead of creating a second.
(function () {
  "use strict";
  const DB_NAME = "taizhang-outbox", STORE = "visits";

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function store(mode, work) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result && result.result);
      tx.onerror = () => reject(tx.error);
    });
  }

  const outbox = {
    put: (record) => store("readwrite", (s) => s.put(record)),
    remove: (key) => store("readwrite", (s) => s.delete(key)),
    all: () => store("readonly", (s) => s.getAll()),
  };

  function banner(text, kind) {
    const el = document.getElementById("outbox");
    if (!el) return;
    el.className = "alert alert-" + (kind || "warning") + (text ? "" : " d-none");
    el.textContent = text || "";
  }

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    const match = document.cookie.match(/csrftoken=([^;]+)/);
    return match ? match[1] : "";
  }

  // Send one record; resolves to the server's JSON, or throws {offline: true} when it may be re-sent later.
  async function send(record) {
    const body = new FormData();
    for (const [name, value, filename] of record.fields) {
      if (filename !== undefined) body.append(name, value, filename); else body.append(name, value);
    }
    let response;
    try {
      response = await fetch(record.url, {
        method: "POST", body, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() },
      });
    } catch (error) {
      throw { offline: true };
    }
    if (response.status === 400) {
      await outbox.remove(record.key);  // the server refused the content: re-sending would not help
      return response.json();
    }
    if (!response.ok) throw { offline: true, status: response.status };
    const result = await response.json();
    await outbox.remove(record.key);
    return result;
  }

  let flushing = false;
  async function flush() {
    if (flushing || !window.indexedDB) return;
    flushing = true;
    try {
      const pending = await outbox.all();
      if (!pending.length) { return; }
      banner("有 " + pending.length + " 条走访保存在手机上，正在提交……");
      let sent = 0;
      const form = document.getElementById("visit-form");
      const current = form && form.elements.namedItem("idempotency_key").value;
      for (const record of pending) {
        try {
          const result = await send(record);
          if (!result.ok) { banner("走访未能登记：" + result.errors.join("；"), "danger"); continue; }
          sent += 1;
          if (record.key === current) {  // this page's own visit: go where a direct submit would have gone
            localStorage.removeItem(form.dataset.draft);
            window.location.href = result.redirect;
            return;
          }
        } catch (error) {
          const left = (await outbox.all()).length;
          banner(left + " 条走访已保存在手机上，网络恢复后会自动提交，不会重复登记。");
          return;
        }
      }
      if (sent) banner("保存在手机上的 " + sent + " 条走访已提交。", "success");
    } finally {
      flushing = false;
    }
  }

  window.addEventListener("online", flush);
  window.setInterval(flush, 30000);
  document.addEventListener("DOMContentLoaded", flush);

  // --- the visit page ---------------------------------------------------------------------------
  const form = document.getElementById("visit-form");
  if (!form) return;
  const pad = (n) => String(n).padStart(2, "0");
  const localDate = (d) => d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  const localTime = (d) => pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  const field = (name) => form.elements.namedItem(name);

  if (!field("idempotency_key").value) {
    field("idempotency_key").value = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
  }

  function locate(prefix) {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition((position) => {
      field(prefix + "_latitude").value = position.coords.latitude.toFixed(6);
      field(prefix + "_longitude").value = position.coords.longitude.toFixed(6);
    }, () => {}, { timeout: 8000, maximumAge: 60000 });
  }

  function showErrors(errors) {
    const box = document.getElementById("visit-errors");
    box.innerHTML = "";
    for (const text of errors) { const div = document.createElement("div"); div.textContent = text; box.appendChild(div); }
    box.classList.toggle("d-none", !errors.length);
    if (errors.length) box.scrollIntoView({ behavior: "smooth" });
  }

  function collect() {
    const fields = [];
    for (const [name, value] of new FormData(form).entries()) {
      if (value instanceof File) { if (value.size) fields.push([name, value, value.name]); }
      else fields.push([name, value]);
    }
    return fields;
  }

  async function submit(event) {
    if (event) event.preventDefault();
    const record = { key: field("idempotency_key").value, url: form.action || window.location.pathname, fields: collect() };
    try {
      if (window.indexedDB) await outbox.put(record);
    } catch (error) { /* private mode: send without the outbox */ }
    try {
      const result = await send(record);
      if (result.ok) {
        localStorage.removeItem(form.dataset.draft);
        window.location.href = result.redirect;
      } else {
        showErrors(result.errors);
      }
    } catch (error) {
      banner(error.status === 403 ? "登录已过期：请重新登录，走访已保存在手机上，登录后自动提交。"
        : "网络断开：这次走访已保存在手机上，网络恢复后会自动提交，不会重复登记。");
    }
  }

  if (form.dataset.mode === "manual") {
    form.addEventListener("submit", submit);
    return;
  }

  // Phone mode: the draft (start time and key) survives a reload of the page.
  const startButton = document.getElementById("start-visit"), endButton = document.getElementById("end-visit");
  let timer = null;

  function running(started) {
    document.getElementById("phase-start").classList.add("d-none");
    document.getElementById("phase-running").classList.remove("d-none");
    document.getElementById("checklist").disabled = false;
    endButton.disabled = false;
    document.getElementById("started-label").textContent = localTime(started).slice(0, 5);
    const tick = () => { document.getElementById("elapsed").textContent = Math.floor((Date.now() - started) / 60000); };
    tick();
    timer = window.setInterval(tick, 15000);
  }

  const draft = JSON.parse(localStorage.getItem(form.dataset.draft) || "null");
  if (draft) {
    field("visit_date").value = draft.date;
    field("start_time").value = draft.time;
    field("idempotency_key").value = draft.key;
    running(new Date(draft.started));
  }

  startButton.addEventListener("click", () => {
    const now = new Date();
    field("visit_date").value = localDate(now);
    field("start_time").value = localTime(now);
    localStorage.setItem(form.dataset.draft, JSON.stringify({
      date: localDate(now), time: localTime(now), started: now.getTime(), key: field("idempotency_key").value }));
    locate("start");
    running(now);
  });

  endButton.addEventListener("click", () => {
    const now = new Date();
    field("end_time").value = localTime(now);
    field("ends_next_day").checked = localDate(now) !== field("visit_date").value;
    if (timer) window.clearInterval(timer);
    locate("end");
    endButton.disabled = true;
    endButton.textContent = "正在提交……";
    // Give the position a moment; the visit goes without it if the phone does not answer.
    window.setTimeout(() => submit().finally(() => { endButton.disabled = false; endButton.textContent = "重新提交"; }), 600);
  });
})();
