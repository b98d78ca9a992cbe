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
      card.classList.toggle("alert", failed.length > 0);
      detail.innerHTML = failed.length
        ? `<a href="catchup.html" class="failure" title="${esc(failed.map(c => "#" + c.channelId + ": " + c.failure).join("\n"))}">${failed.length} recording${failed.length > 1 ? "s" : ""} stopped</a>`
        : `${recording} recording &middot; of ${bytes(a.maxBytes)}`;
    } catch (e) { /* the dashboard shows its own connection state */ }
  }
  refresh();
  setInterval(refresh, 10000);
})();
