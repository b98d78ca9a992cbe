/* What the Movies and Series pages share: the library scan (a Rescan button that starts it and a
   line that shows its progress while it runs, files found and probed, and its outcome after), the
   edit forms' partial updates, and the VOD category choice. */
"use strict";

const Vod = (() => {
  const { api, esc, toast, time } = PanelX;

  function outcome(s) {
    if (s.error) return `<span class="failure">Last scan failed: ${esc(s.error)}</span>`;
    const o = s.outcome || {};
    return `Last scan ${esc(time(s.finishedAt))}: ${o.files ?? s.filesFound} files, ` +
      `movies +${o.moviesAdded || 0} &minus;${o.moviesRemoved || 0}, ` +
      `series +${o.seriesAdded || 0} &minus;${o.seriesRemoved || 0}, ` +
      `episodes +${o.episodesAdded || 0} &minus;${o.episodesRemoved || 0}`;
  }

  function progress(s) {
    return s.filesFound < 0 ? "Scanning: looking for files&hellip;"
      : `Scanning: ${s.filesProbed} of ${s.filesFound} files probed&hellip;`;
  }

  /** Wires {@code button} and {@code line}; {@code onDone} runs when a scan seen running ends. */
  function attach(button, line, onDone) {
    let timer = null;

    function show(s) {
      line.dataset.state = !s ? "none" : s.running ? "running" : s.error ? "failed" : "done";
      line.dataset.started = s ? s.startedAt : "";
      line.innerHTML = !s ? "No scan yet" : s.running ? progress(s) : outcome(s);
      button.disabled = !!(s && s.running);
    }

    async function poll() {
      try {
        const s = await api("GET", "/vod/scan");
        show(s);
        if (s && s.running) { timer = setTimeout(poll, 1000); return; }
        if (timer !== null) { timer = null; onDone(); }
      } catch (e) { toast(e.message, true); }
    }

    button.onclick = async () => {
      try {
        show(await api("POST", "/vod/scan"));
        timer = setTimeout(poll, 500);
      } catch (e) { toast(e.message, true); }
    };
    api("GET", "/vod/scan").then(s => {
      show(s);
      if (s && s.running) timer = setTimeout(poll, 1000);
    }).catch(e => toast(e.message, true));
  }

  /** The fields of {@code payload} that differ from {@code existing}: the API's updates are
      partial, and a field sent unchanged (a library poster, the source) would be checked again. */
  function changes(existing, payload) {
    if (!existing) return payload;
    const out = {};
    for (const [k, v] of Object.entries(payload)) {
      if ((existing[k] ?? "") !== (v ?? "")) out[k] = v;
    }
    return out;
  }

  /** The text inputs of a form, trimmed, by name; numbers where {@code numbers} names them. */
  function values(form, names, numbers = []) {
    const out = {};
    for (const n of names) {
      const v = form.elements[n].value.trim();
      out[n] = numbers.includes(n) ? (v === "" ? null : Number(v)) : v;
    }
    return out;
  }

  /** Fills a list's category filter with the categories of {@code kind}; resolves with them. */
  async function categoryFilter(select, kind) {
    const categories = await api("GET", "/vod/categories?kind=" + kind);
    const chosen = select.value;
    select.innerHTML = '<option value="">All categories</option>' +
      categories.map(c => `<option value="${c.id}">${esc(c.name)}</option>`).join("");
    select.value = chosen;
    return categories;
  }

  /** The list call's query: the search box, the category filter, at most {@code limit} items. */
  function listQuery(search, select, limit) {
    const query = new URLSearchParams({ limit });
    if (search.value.trim()) query.set("q", search.value.trim());
    if (select.value) query.set("categoryId", select.value);
    return query;
  }

  function categoryOptions(select, categories) {
    select.innerHTML = '<option value="">None</option>' +
      categories.map(c => `<option value="${c.id}">${esc(c.name)}</option>`).join("");
  }

  return { attachScan: attach, changes, values, categoryFilter, listQuery, categoryOptions };
})();
