/* Dashboard card: the catch-up archive's disk use, and an alert when a channel's recording failed. */
"use strict";

(() => {
  const { api, bytes, esc } = PanelX;
  const value = document.getElementById("t-archive");
  const detail = document.getElementById("t-archive-detail");
  const card = document.getElementById("archive-card");

  async function refresh() {
    try {
      const a = await api("GET", "/archive");
      const failed = a.channels.filter(c => c.state === "FAILED");
      const recording = a.channels.filter(c => c.state === "RECORDING").length;
      value.textContent = bytes(a.bytes);
      // Per channel, largest first: the issue asks for disk use per channel on the dashboard too.
      const perChannel = a.channels.filter(c => c.bytes > 0).sort((x, y) => y.bytes - x.bytes);
      value.title = perChannel.map(c => "#" + c.channelId + ": " + bytes(c.bytes)).join("\n");
      card.classList.toggle("alert", failed.length > 0);
      detail.innerHTML = failed.length
        ? `<a href="catchup.html" class="failure" title="${esc(failed.map(c => "#" + c.channelId + ": " + c.failure).join("\n"))}">${failed.length} recording${failed.length > 1 ? "s" : ""} stopped</a>`
        : `${recording} recording &middot; of ${bytes(a.maxBytes)}`
          + perChannel.slice(0, 3).map(c => `<br>#${c.channelId}: ${bytes(c.bytes)}`).join("");
    } catch (e) { /* the dashboard shows its own connection state */ }
  }
  refresh();
  setInterval(refresh, 10000);
})();
