/* Channels: list, create, edit, delete through /api/v1/channels. */
"use strict";

(() => {
  const { esc, api, badge, toast, dialog } = PanelX;
  PanelX.frame("channels.html");
  const body = document.querySelector("#channels tbody");
  const filter = document.getElementById("filter");
  const dlg = document.getElementById("channel-dialog");
  let channels = [], categories = [];

  async function load() {
    try {
      [channels, categories] = await Promise.all([api("GET", "/channels"), api("GET", "/categories")]);
      render();
    } catch (e) { toast(e.message, true); }
  }

  function render() {
    const q = filter.value.trim().toLowerCase();
    const shown = channels.filter(c => !q || c.name.toLowerCase().includes(q) || (c.categoryName || "").toLowerCase().includes(q));
    body.innerHTML = shown.length ? shown.map(c => `
      <tr data-channel-id="${c.id}">
        <td class="num">${c.id}</td>
        <td class="name"><strong>${esc(c.name)}</strong>${c.ingestUrl ? `<div class="sub ingest-url" title="RTMP push: publish the stream here">publish to <code>${esc(c.ingestUrl)}</code></div>` : ""}</td>
        <td>${esc(c.categoryName) || '<span class="sub">none</span>'}</td>
        <td>${badge(c.deliveryMode === "FFMPEG" ? "FFMPEG" : "PROXY", c.deliveryMode)}</td>
        <td class="hide-narrow">${c.deliveryMode === "FFMPEG" ? esc(c.ffmpegProfile) : '<span class="sub">-</span>'}</td>
        <td class="hide-narrow ua" title="${esc(c.sources.join("\n"))}">${esc(c.sources[0])}${c.sources.length > 1 ? ` <span class="badge muted">+${c.sources.length - 1} backup${c.sources.length > 2 ? "s" : ""}</span>` : ""}</td>
        <td>${c.onDemand ? "yes" : "no"}</td>
        <td class="archive-hours">${c.archiveHours ? c.archiveHours + " h" : '<span class="sub">off</span>'}</td>
        <td>${c.enabled ? badge("Active", "yes") : badge("Disabled", "no")}</td>
        <td class="actions">
          <button class="small edit">Edit</button>
          <button class="small danger delete">Delete</button>
        </td>
      </tr>`).join("") : '<tr><td colspan="10" class="empty">No channels</td></tr>';
  }

  function form(existing) {
    document.getElementById("channel-dialog-title").textContent = existing ? "Edit " + existing.name : "New channel";
    const select = dlg.querySelector("[name=categoryId]");
    select.innerHTML = '<option value="">None</option>' +
      categories.map(c => `<option value="${c.id}">${esc(c.name)}</option>`).join("");
    const values = existing
      ? { ...existing, sources: existing.sources.join("\n"), categoryId: existing.categoryId ?? "", ffmpegProfile: existing.ffmpegProfile || "COPY" }
      : { deliveryMode: "DIRECT", ffmpegProfile: "COPY", enabled: true, onDemand: true, sortOrder: 0, archiveHours: 0 };
    const ingest = dlg.querySelector(".ingest");
    ingest.hidden = !(existing && existing.ingestUrl);
    ingest.querySelector("code").textContent = existing && existing.ingestUrl ? existing.ingestUrl : "";
    dialog(dlg, values, async f => {
      const e = f.elements;
      const payload = {
        name: e.name.value.trim(),
        sources: e.sources.value.split(/\r?\n/).map(s => s.trim()).filter(Boolean),
        deliveryMode: e.deliveryMode.value,
        ffmpegProfile: e.ffmpegProfile.value,
        logo: e.logo.value.trim(),
        epgId: e.epgId.value.trim(),
        sortOrder: Number(e.sortOrder.value || 0),
        archiveHours: Number(e.archiveHours.value || 0),
        onDemand: e.onDemand.checked,
        enabled: e.enabled.checked,
      };
      if (e.categoryId.value) payload.categoryId = Number(e.categoryId.value);
      const saved = existing ? await api("PUT", "/channels/" + existing.id, payload) : await api("POST", "/channels", payload);
      toast((existing ? "Channel saved" : "Channel created") + (saved && saved.ingestUrl ? ": publish to " + saved.ingestUrl : ""));
      await load();
    });
  }

  document.getElementById("new-channel").onclick = () => form(null);
  filter.addEventListener("input", render);
  body.addEventListener("click", async ev => {
    const tr = ev.target.closest("tr[data-channel-id]");
    if (!tr) return;
    const channel = channels.find(c => String(c.id) === tr.dataset.channelId);
    if (ev.target.closest(".edit")) form(channel);
    if (ev.target.closest(".delete")) {
      if (!confirm(`Delete channel ${channel.name}?`)) return;
      try { await api("DELETE", "/channels/" + channel.id); toast("Channel deleted"); await load(); }
      catch (e) { toast(e.message, true); }
    }
  });
  load();
})();
