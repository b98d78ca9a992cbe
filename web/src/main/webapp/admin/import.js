/* M3U import: sends the URL (fetched by the server) or the uploaded file's text. */
"use strict";

(() => {
  const { esc, api, toast } = PanelX;
  PanelX.frame("import.html");
  const form = document.getElementById("import-form");
  const error = form.querySelector(".error-text");

  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    error.textContent = "";
    const e = form.elements;
    const request = { onDemand: e.onDemand.checked };
    if (e.file.files.length) request.playlist = await e.file.files[0].text();
    else if (e.url.value.trim()) request.url = e.url.value.trim();
    else { error.textContent = "Give a playlist URL or choose a file."; return; }
    const button = document.getElementById("import");
    button.disabled = true;
    try {
      const r = await api("POST", "/channels/import", request);
      document.getElementById("result").hidden = false;
      document.getElementById("result-title").textContent =
        `${r.created} of ${r.entries} channels imported` +
        (r.categoriesCreated.length ? `, ${r.categoriesCreated.length} new categories` : "");
      document.querySelector("#result-table tbody").innerHTML =
        r.channels.map((c, i) => `<tr><td>${i + 1}</td><td>${esc(c.name)}</td><td><span class="badge Active">created</span> ${esc(c.category || "")}</td></tr>`).join("") +
        r.skipped.map(s => `<tr><td>${s.entry}</td><td>${esc(s.name)}</td><td><span class="badge FAILED">skipped</span> ${esc(s.reason)}</td></tr>`).join("");
      toast(`${r.created} channels imported`);
    } catch (err) {
      error.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
})();
