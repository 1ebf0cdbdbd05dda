// 入户走访 on the phone: 开始 records the start (and, if allowed, the position), 结束 records the end and submits.
// A submitted visit goes into an outbox in IndexedDB first and leaves it only when the server has answered, so a
// dropped connection loses nothing: the outbox is re-sent when the network returns (and on every assistance page).
// The idempotency key sent with it makes a re-send find the first visit instead of creating a second.
// Until it is submitted, the visit is a draft on the phone (visit-store.js): a reload, a closed tab or a dead battery
// brings back the start time, the checklist, the notes and the photos chosen.
(function () {
  "use strict";
  const { outbox, drafts } = window.taizhangVisitStore;

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
    if (record.draft) await drafts.clear(record.draft, record.key);
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
  const draftId = form.dataset.draft, photoInput = field("photos");
  const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
  let started = null;  // the start, once 开始 is pressed (phone) or restored

  if (!field("idempotency_key").value) field("idempotency_key").value = newKey();

  function locate(prefix) {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition((position) => {
      field(prefix + "_latitude").value = position.coords.latitude.toFixed(6);
      field(prefix + "_longitude").value = position.coords.longitude.toFixed(6);
      saveDraft();
    }, () => {}, { timeout: 8000, maximumAge: 60000 });
  }

  function showErrors(errors) {
    const box = document.getElementById("visit-errors");
    box.innerHTML = "";
    for (const text of errors) { const div = document.createElement("div"); div.textContent = text; box.appendChild(div); }
    box.classList.toggle("d-none", !errors.length);
    if (errors.length) box.scrollIntoView({ behavior: "smooth" });
  }

  // A question with two answers in the page's dialog; resolves true for the first.
  function ask(text, yes, no) {
    const dialog = document.getElementById("visit-confirm");
    dialog.querySelector(".modal-body").textContent = text;
    dialog.querySelector(".confirm-yes").textContent = yes;
    dialog.querySelector(".confirm-no").textContent = no;
    const modal = window.bootstrap.Modal.getOrCreateInstance(dialog);
    return new Promise((resolve) => {
      let answer = false, shown = false;
      // Bootstrap ignores hide() while the dialog is still fading in: a quick tap waits for it to be shown.
      dialog.addEventListener("shown.bs.modal", () => { shown = true; if (answer) modal.hide(); }, { once: true });
      const chosen = () => { answer = true; if (shown) modal.hide(); };
      dialog.querySelector(".confirm-yes").addEventListener("click", chosen, { once: true });
      dialog.addEventListener("hidden.bs.modal", () => {
        dialog.querySelector(".confirm-yes").removeEventListener("click", chosen);
        resolve(answer);
      }, { once: true });
      modal.show();
    });
  }

  // --- the draft ----------------------------------------------------------------------------------
  const NOT_KEPT = new Set(["csrfmiddlewaretoken", "idempotency_key", "mode", "photos"]);

  function showPhotoNames(names, missing) {
    const el = document.getElementById("photo-names");
    if (!el) return;
    el.textContent = names.length ? (missing ? "草稿中选过的照片（请重新选择）：" : "已选照片：") + names.join("、") : "";
  }

  function saveDraft() {
    if (form.dataset.mode !== "manual" && !started) return;  // nothing to keep before 开始
    const fields = [];
    for (const [name, value] of new FormData(form).entries()) {
      if (!NOT_KEPT.has(name) && !(value instanceof File)) fields.push([name, value]);
    }
    const files = photoInput ? Array.from(photoInput.files) : [];
    drafts.write(draftId, {
      key: field("idempotency_key").value,
      started: started && started.getTime(),
      fields,
      photoNames: files.map((f) => f.name),
    });
  }

  function savePhotos() {
    const files = Array.from(photoInput.files);
    showPhotoNames(files.map((f) => f.name));
    saveDraft();
    drafts.photos.put(draftId, field("idempotency_key").value, files);
  }

  function fill(fields) {
    const saved = new Map();
    for (const [name, value] of fields) saved.set(name, (saved.get(name) || []).concat([value]));
    for (const el of form.elements) {
      if (!el.name || NOT_KEPT.has(el.name) || el.type === "file") continue;
      const values = saved.get(el.name);
      if (el.type === "checkbox" || el.type === "radio") {
        if (values || el.type === "checkbox") el.checked = Boolean(values && values.includes(el.value));
      } else if (values) {
        el.value = values[0];
      }
    }
  }

  async function restorePhotos(draft) {
    if (!photoInput || !draft.photoNames || !draft.photoNames.length) return;
    const files = await drafts.photos.get(draftId, draft.key);
    try {
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(file);
      photoInput.files = transfer.files;
    } catch (error) { /* a browser that cannot set a file input: the names are shown below */ }
    const kept = photoInput.files.length === draft.photoNames.length;
    showPhotoNames(draft.photoNames, !kept);
  }

  function restoreDraft() {
    const draft = drafts.read(draftId);
    if (!draft) return null;
    field("idempotency_key").value = draft.key;
    if (draft.started) started = new Date(draft.started);
    if (draft.fields) {
      fill(draft.fields);
    } else {  // kept by the page before drafts had fields: the start only
      field("visit_date").value = draft.date;
      field("start_time").value = draft.time;
    }
    restorePhotos(draft);
    document.getElementById("draft-note").classList.remove("d-none");
    return draft;
  }

  async function forgetDraft() {
    await drafts.clear(draftId);
  }

  form.addEventListener("input", saveDraft);
  form.addEventListener("change", (event) => { if (event.target === photoInput) savePhotos(); else saveDraft(); });

  // --- submitting ---------------------------------------------------------------------------------
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
    const record = {
      key: field("idempotency_key").value, draft: draftId, url: form.action || window.location.pathname, fields: collect(),
    };
    try {
      if (window.indexedDB) await outbox.put(record);
    } catch (error) { /* private mode: send without the outbox */ }
    try {
      const result = await send(record);
      if (result.ok) {
        await forgetDraft();
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
    restoreDraft();
    form.addEventListener("submit", submit);
    return;
  }

  // --- the phone: 开始, the timer, 取消, 结束 ------------------------------------------------------------
  const startButton = document.getElementById("start-visit"), endButton = document.getElementById("end-visit");
  const cancelButton = document.getElementById("cancel-visit");
  const minMinutes = Number(form.dataset.minMinutes);
  const elapsedMinutes = () => Math.floor((Date.now() - started.getTime()) / 60000);
  let timer = null;

  function running() {
    document.getElementById("phase-start").classList.add("d-none");
    document.getElementById("phase-running").classList.remove("d-none");
    document.getElementById("checklist").disabled = false;
    endButton.disabled = false;
    cancelButton.classList.remove("d-none");
    document.getElementById("started-label").textContent = localTime(started).slice(0, 5);
    const tick = () => { document.getElementById("elapsed").textContent = elapsedMinutes(); };
    tick();
    timer = window.setInterval(tick, 15000);
  }

  // The fieldset is disabled until 开始, and a disabled field cannot take a restored value: open it first.
  const draft = drafts.read(draftId);
  if (draft && draft.started) {
    started = new Date(draft.started);
    running();
    restoreDraft();
  } else if (draft) {
    drafts.clear(draftId);  // a draft without a start is nothing to come back to
  }

  startButton.addEventListener("click", () => {
    const now = new Date();
    started = now;
    field("visit_date").value = localDate(now);
    field("start_time").value = localTime(now);
    running();
    saveDraft();
    locate("start");
  });

  cancelButton.addEventListener("click", async () => {
    if (!await ask("取消后，这次走访的开始时间、清单、记录和照片都将删除，不会登记。确定取消？", "取消走访", "继续走访")) return;
    if (timer) window.clearInterval(timer);
    await forgetDraft();
    started = null;
    form.reset();  // hidden inputs keep what a script set: the positions are emptied by hand
    for (const name of ["start_latitude", "start_longitude", "end_latitude", "end_longitude"]) field(name).value = "";
    field("idempotency_key").value = newKey();
    showPhotoNames([]);
    document.getElementById("phase-start").classList.remove("d-none");
    document.getElementById("phase-running").classList.add("d-none");
    document.getElementById("checklist").disabled = true;
    document.getElementById("draft-note").classList.add("d-none");
    endButton.disabled = true;
    cancelButton.classList.add("d-none");
    banner("已取消这次走访，没有登记任何记录。", "secondary");
  });

  endButton.addEventListener("click", async () => {
    const minutes = elapsedMinutes();
    if (minutes < minMinutes && !await ask(
      "这次走访 " + minutes + " 分钟，不足 " + minMinutes + " 分钟，不计入本月，仍要提交？", "仍要提交", "继续走访")) return;
    const now = new Date();
    field("end_time").value = localTime(now);
    field("ends_next_day").checked = localDate(now) !== field("visit_date").value;
    if (timer) window.clearInterval(timer);
    locate("end");
    endButton.disabled = true;
    cancelButton.classList.add("d-none");  // on its way to the server: no longer the phone's to cancel
    endButton.textContent = "正在提交……";
    // Give the position a moment; the visit goes without it if the phone does not answer.
    window.setTimeout(() => submit().finally(() => { endButton.disabled = false; endButton.textContent = "重新提交"; }), 600);
  });
})();
