/* Connection history with filters, and the totals (bytes, hours watched) per line and per channel,
   movie or episode. */
"use strict";

(() => {
  const { esc, api, badge, bytes, duration, dateTime, toast } = PanelX;
  PanelX.frame("history.html");
  const form = document.getElementById("filters");
  const LIMIT = 500;

  async function fillSelects() {
    const [lines, channels] = await Promise.all([api("GET", "/lines"), api("GET", "/channels")]);
    form.elements.line.insertAdjacentHTML("beforeend", lines.map(l => `<option value="${l.id}">${esc(l.username)}</option>`).join(""));
    form.elements.channel.insertAdjacentHTML("beforeend", channels.map(c => `<option value="${c.id}">${esc(c.name)}</option>`).join(""));
  }

  function query() {
    const p = new URLSearchParams();
    const e = form.elements;
    if (e.line.value) p.set("line", e.line.value);
    if (e.channel.value) p.set("channel", e.channel.value);
    if (e.from.value) p.set("from", new Date(e.from.value).toISOString());
    if (e.to.value) p.set("to", new Date(e.to.value).toISOString());
    if (e.open.value) p.set("open", e.open.value);
    return p;
  }

  /** Movies and episodes are marked: the per-item totals hold them beside the channels. */
  function kindBadge(kind) {
    return kind === "movie" || kind === "episode" ? " " + badge("muted", kind) : "";
  }

  function totalsRows(list, empty) {
    return list.length ? list.map(t => `<tr data-kind="${esc(t.kind)}" data-id="${t.id}"><td>${esc(t.name)}${kindBadge(t.kind)}</td><td class="num">${t.connections}</td>
      <td class="num">${bytes(t.bytesSent)}</td><td class="num">${t.hoursWatched.toFixed(2)}</td></tr>`).join("")
      : `<tr><td colspan="4" class="empty">${empty}</td></tr>`;
  }

  async function load() {
    const p = query();
    try {
      const totals = await api("GET", "/connections/totals?" + p);
      document.getElementById("s-count").textContent = totals.connections;
      document.getElementById("s-bytes").textContent = bytes(totals.bytesSent);
      document.getElementById("s-hours").textContent = totals.hoursWatched.toFixed(2);
      document.getElementById("s-human").textContent = duration(totals.hoursWatched * 3600);
      document.getElementById("s-trunc").textContent = totals.truncated ? "newest 5,000 counted" : "";
      document.querySelector("#per-line tbody").innerHTML = totalsRows(totals.perLine, "No connections");
      document.querySelector("#per-channel tbody").innerHTML = totalsRows(totals.perChannel, "No connections");
      p.set("limit", LIMIT);
      const rows = await api("GET", "/connections?" + p);
      document.getElementById("list-note").textContent = rows.length >= LIMIT ? `newest ${LIMIT}` : `${rows.length}`;
      document.querySelector("#history tbody").innerHTML = rows.length ? rows.map(r => {
        const end = r.endedAt ? Date.parse(r.endedAt) : Date.now();
        return `<tr>
          <td>${dateTime(r.startedAt)}</td><td>${esc(r.lineUsername)}</td><td>${esc(r.channelName)}${kindBadge(r.format)}</td>
          <td>${badge(r.origin)}</td><td class="hide-narrow">${esc(r.format)}</td><td>${esc(r.clientIp)}</td>
          <td class="ua hide-narrow" title="${esc(r.userAgent)}">${esc(r.userAgent)}</td>
          <td class="num">${duration((end - Date.parse(r.startedAt)) / 1000)}</td><td class="num">${bytes(r.bytesSent)}</td>
          <td>${r.endedAt ? badge("muted", (r.endReason || "ended").toLowerCase().replace(/_/g, " ")) : badge("RUNNING", "open")}</td>
        </tr>`;
      }).join("") : '<tr><td colspan="10" class="empty">No connections match</td></tr>';
    } catch (e) { toast(e.message, true); }
  }

  form.addEventListener("submit", ev => { ev.preventDefault(); load(); });
  fillSelects().catch(e => toast(e.message, true));
  load();
})();
