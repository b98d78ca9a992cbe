/* Catch-up: the archive per channel (/api/v1/archive) and scheduled recordings (/api/v1/recordings). */
"use strict";

(() => {
  const { esc, api, badge, toast, dialog, bytes, dateTime } = PanelX;
  PanelX.frame("catchup.html");
  const archiveBody = document.querySelector("#archive tbody");
  const recordingsBody = document.querySelector("#recordings tbody");
  const dlg = document.getElementById("recording-dialog");
  let channels = [];

  const STATE = { RECORDING: "yes", WAITING: "muted", FAILED: "no", OFF: "muted" };

  async function load() {
    try {
      const [archive, recordings, list] = await Promise.all([
        api("GET", "/archive"), api("GET", "/recordings"), api("GET", "/channels")]);
      channels = list;
      const names = Object.fromEntries(list.map(c => [c.id, c.name]));
      document.getElementById("archive-total").textContent =
        `${bytes(archive.bytes)} of ${bytes(archive.maxBytes)}`;
      archiveBody.innerHTML = archive.channels.length ? archive.channels.map(a => `
        <tr data-channel-id="${a.channelId}">
          <td>${esc(names[a.channelId] || "#" + a.channelId)}</td>
          <td class="num">${a.archiveHours || '<span class="sub">off</span>'}</td>
          <td class="state">${badge(STATE[a.state] || "muted", a.state)}${a.failure ? `<div class="sub failure">${esc(a.failure)}</div>` : ""}</td>
          <td class="num">${bytes(a.bytes)}</td>
          <td>${dateTime(a.oldest)}</td><td>${dateTime(a.newest)}</td>
          <td class="num hide-narrow">${a.gaps.length}</td>
        </tr>`).join("") : '<tr><td colspan="7" class="empty">No channel is archived</td></tr>';
      recordingsBody.innerHTML = recordings.length ? recordings.map(r => `
        <tr data-recording-id="${r.id}">
          <td><strong>${esc(r.title)}</strong>${r.detail ? `<div class="sub">${esc(r.detail)}</div>` : ""}${r.movieId ? `<div class="sub">movie #${r.movieId} in the VOD library</div>` : ""}</td>
          <td>${esc(r.channelName)}</td><td>${dateTime(r.startsAt)}</td><td>${dateTime(r.endsAt)}</td>
          <td>${badge(r.status === "COMPLETED" ? "yes" : r.status === "FAILED" ? "no" : "muted", r.status)}</td>
          <td class="num">${r.bytes ? bytes(r.bytes) : ""}</td>
          <td class="actions">${r.file ? `<a class="button small" href="${esc(r.file)}">Download</a>` : ""}
            <button class="small danger delete">Delete</button></td>
        </tr>`).join("") : '<tr><td colspan="7" class="empty">No recordings</td></tr>';
    } catch (e) { toast(e.message, true); }
  }

  function iso(local) {
    return local ? new Date(local).toISOString() : undefined;
  }

  document.getElementById("new-recording").onclick = () => {
    dlg.querySelector("[name=channelId]").innerHTML =
      channels.map(c => `<option value="${c.id}">${esc(c.name)}</option>`).join("");
    dialog(dlg, {}, async f => {
      const e = f.elements;
      const payload = { channelId: Number(e.channelId.value) };
      if (e.programmeId.value) payload.programmeId = Number(e.programmeId.value);
      else { payload.startsAt = iso(e.startsAt.value); payload.endsAt = iso(e.endsAt.value); }
      if (e.title.value.trim()) payload.title = e.title.value.trim();
      await api("POST", "/recordings", payload);
      toast("Recording scheduled");
      await load();
    });
  };

  recordingsBody.addEventListener("click", async ev => {
    const tr = ev.target.closest("tr[data-recording-id]");
    if (!tr || !ev.target.closest(".delete")) return;
    if (!confirm("Delete this recording and its file?")) return;
    try { await api("DELETE", "/recordings/" + tr.dataset.recordingId); toast("Recording deleted"); await load(); }
    catch (e) { toast(e.message, true); }
  });

  load();
  setInterval(load, 10000);
})();
