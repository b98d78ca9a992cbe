/* Lines: list, create, edit, delete through /api/v1/lines. */
"use strict";

(() => {
  const { esc, api, badge, dateTime, toast, dialog } = PanelX;
  PanelX.frame("lines.html");
  const body = document.querySelector("#lines tbody");
  const filter = document.getElementById("filter");
  const dlg = document.getElementById("line-dialog");
  let lines = [], live = new Map();

  async function load() {
    try {
      const [list, snapshot] = await Promise.all([api("GET", "/lines"), api("GET", "/live/snapshot").catch(() => null)]);
      lines = list;
      live = new Map();
      (snapshot ? snapshot.connections : []).forEach(c => live.set(c.lineId, (live.get(c.lineId) || 0) + 1));
      render();
    } catch (e) { toast(e.message, true); }
  }

  function render() {
    const q = filter.value.trim().toLowerCase();
    const shown = lines.filter(l => !q || l.username.toLowerCase().includes(q));
    body.innerHTML = shown.length ? shown.map(l => `
      <tr data-line-id="${l.id}" data-username="${esc(l.username)}">
        <td class="username"><strong>${esc(l.username)}</strong>${l.trial ? ' <span class="badge muted">trial</span>' : ""}</td>
        <td>${badge(l.status)}</td>
        <td>${l.expiresAt ? dateTime(l.expiresAt) : '<span class="sub">never</span>'}</td>
        <td class="num">${l.maxConnections}</td>
        <td class="num">${live.get(l.id) || 0}</td>
        <td class="hide-narrow">${esc(l.allowedIps) || '<span class="sub">any</span>'}</td>
        <td class="hide-narrow">${dateTime(l.createdAt)}</td>
        <td class="actions">
          <button class="small edit">Edit</button>
          <button class="small danger delete">Delete</button>
        </td>
      </tr>`).join("") : '<tr><td colspan="8" class="empty">No lines</td></tr>';
  }

  function localInput(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  }

  function form(existing) {
    document.getElementById("line-dialog-title").textContent = existing ? "Edit line " + existing.username : "New line";
    document.getElementById("pw-hint").textContent = existing ? "leave empty to keep" : "";
    dlg.querySelector("[name=password]").required = !existing;
    const values = existing
      ? { ...existing, expiresAt: localInput(existing.expiresAt), neverExpires: !existing.expiresAt, password: "" }
      : { enabled: true, maxConnections: 1, neverExpires: false,
          expiresAt: localInput(new Date(Date.now() + 30 * 86400000).toISOString()) };
    dialog(dlg, values, async f => {
      const e = f.elements;
      const payload = {
        username: e.username.value.trim(),
        maxConnections: Number(e.maxConnections.value),
        allowedIps: e.allowedIps.value.trim(),
        allowedUserAgents: e.allowedUserAgents.value.trim(),
        enabled: e.enabled.checked, banned: e.banned.checked, trial: e.trial.checked,
        neverExpires: e.neverExpires.checked,
      };
      if (e.password.value) payload.password = e.password.value;
      if (!e.neverExpires.checked && e.expiresAt.value) payload.expiresAt = new Date(e.expiresAt.value).toISOString();
      if (existing) await api("PUT", "/lines/" + existing.id, payload);
      else await api("POST", "/lines", payload);
      toast(existing ? "Line saved" : "Line created");
      await load();
    });
  }

  document.getElementById("new-line").onclick = () => form(null);
  filter.addEventListener("input", render);
  body.addEventListener("click", async ev => {
    const tr = ev.target.closest("tr[data-line-id]");
    if (!tr) return;
    const line = lines.find(l => String(l.id) === tr.dataset.lineId);
    if (ev.target.closest(".edit")) form(line);
    if (ev.target.closest(".delete")) {
      if (!confirm(`Delete line ${line.username}? Its history stays.`)) return;
      try { await api("DELETE", "/lines/" + line.id); toast("Line deleted"); await load(); }
      catch (e) { toast(e.message, true); }
    }
  });
  load();
})();
