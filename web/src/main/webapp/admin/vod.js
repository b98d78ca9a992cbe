/* What the Movies and Series pages share: the library scan (a Rescan button that starts it and a
   line that shows its two phases: storing the library, then probing the files whose .nfo gave no
   duration and codecs, with their outcome after), the edit forms' partial updates, and the VOD
   category choice. */
"use strict";

const Vod = (() => {
  const { api, esc, toast, time } = PanelX;

  function outcome(s) {
    if (s.error) return `<span class="failure">Last scan failed: ${esc(s.error)}</span>`;
    const o = s.outcome || {};
    return `Last scan ${esc(time(s.libraryReadyAt))}: ${o.files ?? s.filesFound} files, ` +
      `movies +${o.moviesAdded || 0} &minus;${o.moviesRemoved || 0}, ` +
      `series +${o.seriesAdded || 0} &minus;${o.seriesRemoved || 0}, ` +
      `episodes +${o.episodesAdded || 0} &minus;${o.episodesRemoved || 0}` + probes(s);
  }

  /* The probe phase: ffprobe for the files whose .nfo gave no duration and codecs. The library is
     listed and playable meanwhile; a rescan may start (it cancels the probes and takes them up). */
  function probes(s) {
    const nfo = (s.outcome || {}).detailsFromNfo || 0;
    const fromNfo = nfo ? `; ${nfo} with details from .nfo` : "";
    if (s.probing) {
      return `${fromNfo}; probing durations and codecs: ${s.filesProbed} of ${s.toProbe}&hellip;`;
    }
    if (s.probeError) return `${fromNfo}; <span class="failure">${esc(s.probeError)}</span>`;
    if (s.probesCancelled) return `${fromNfo}; probing stopped at ${s.filesProbed} of ${s.toProbe}`;
    if (s.toProbe > 0) {
      const unreadable = s.unreadable ? ` (${s.unreadable} unreadable)` : "";
      return `${fromNfo}; ${s.filesProbed} probed${unreadable}`;
    }
    return fromNfo;
  }

  function progress(s) {
    return s.filesFound < 0 ? "Scanning: looking for files&hellip;"
      : `Scanning: ${s.filesFound} files found, storing the library&hellip;`;
  }

  /** Wires {@code button} and {@code line}; {@code onDone} runs when a phase seen running ends. */
  function attach(button, line, onDone) {
    let timer = null;

    let shown = null; // the phase last shown: the list is reloaded when one ends

    function show(s) {
      const state = !s ? "none" : s.running ? "running" : s.error ? "failed"
        : s.probing ? "probing" : "done";
      line.dataset.state = state;
      line.dataset.started = s ? s.startedAt : "";
      line.innerHTML = !s ? "No scan yet" : s.running ? progress(s) : outcome(s);
      button.disabled = !!(s && s.running);
      return state;
    }

    async function poll() {
      try {
        const s = await api("GET", "/vod/scan");
        const state = show(s);
        // the library stored, or the probes done: the list shows the new items, or their details
        const ended = (shown === "running" || shown === "probing") && shown !== state;
        shown = state;
        if (ended) onDone();
        if (state === "running" || state === "probing") { timer = setTimeout(poll, 1000); return; }
        timer = null;
      } catch (e) { toast(e.message, true); }
    }

    button.onclick = async () => {
      try {
        shown = show(await api("POST", "/vod/scan"));
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(poll, 500);
      } catch (e) { toast(e.message, true); }
    };
    api("GET", "/vod/scan").then(s => {
      shown = show(s);
      if (shown === "running" || shown === "probing") timer = setTimeout(poll, 1000);
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
