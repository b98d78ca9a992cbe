/* Movies: search, edit metadata, delete, create, and rescan the library, through /api/v1/vod. */
"use strict";

(() => {
  const { esc, api, toast, dialog, duration, dateTime } = PanelX;
  PanelX.frame("movies.html");
  const LIMIT = 500;
  const body = document.querySelector("#movies tbody");
  const filter = document.getElementById("filter");
  const categoryFilter = document.getElementById("category-filter");
  const dlg = document.getElementById("movie-dialog");
  const FIELDS = ["title", "releaseDate", "rating", "genre", "director", "cast", "plot", "poster", "source", "categoryId"];
  let movies = [], categories = [], searchTimer = null;

  async function loadCategories() {
    categories = await Vod.categoryFilter(categoryFilter, "MOVIE");
  }

  async function load() {
    try {
      movies = await api("GET", "/vod/movies?" + Vod.listQuery(filter, categoryFilter, LIMIT));
      render();
    } catch (e) { toast(e.message, true); }
  }

  function video(f) {
    if (!f.videoCodec) return '<span class="sub">-</span>';
    return esc(f.videoCodec) + (f.width ? ` ${f.width}&times;${f.height}` : "") + (f.audioCodec ? ` / ${esc(f.audioCodec)}` : "");
  }

  function render() {
    body.innerHTML = movies.length ? movies.map(m => `
      <tr data-movie-id="${m.id}">
        <td class="num">${m.id}</td>
        <td class="name"><strong class="title">${esc(m.title)}</strong>${m.genre ? `<div class="sub">${esc(m.genre)}</div>` : ""}</td>
        <td>${esc(m.categoryName) || '<span class="sub">none</span>'}</td>
        <td>${esc(m.releaseDate)}</td>
        <td class="num">${m.file.durationSeconds ? duration(m.file.durationSeconds) : '<span class="sub">-</span>'}</td>
        <td class="hide-narrow">${video(m.file)}</td>
        <td class="hide-narrow ua" title="${esc(m.file.source)}">${m.file.libraryPath ? badge("library") + " " + esc(m.file.libraryPath) : esc(m.file.source)}</td>
        <td class="hide-narrow">${dateTime(m.addedAt)}</td>
        <td class="actions">
          <button class="small edit">Edit</button>
          <button class="small danger delete">Delete</button>
        </td>
      </tr>`).join("") : '<tr><td colspan="9" class="empty">No movies</td></tr>';
    document.getElementById("shown").textContent =
      movies.length >= LIMIT ? `The first ${LIMIT} shown: search to narrow the list.` : `${movies.length} shown`;
  }

  function badge(label) { return `<span class="badge muted">${esc(label)}</span>`; }

  function flat(m) {
    return { ...m, source: m.file.source, categoryId: m.categoryId ?? "" };
  }

  function form(existing) {
    document.getElementById("movie-dialog-title").textContent = existing ? "Edit " + existing.title : "New movie";
    Vod.categoryOptions(dlg.querySelector("[name=categoryId]"), categories);
    dialog(dlg, existing ? flat(existing) : {}, async f => {
      const payload = Vod.values(f, FIELDS, ["rating", "categoryId"]);
      const sent = Vod.changes(existing && flat(existing), payload);
      if (existing && sent.categoryId === null) delete sent.categoryId; // null leaves it unchanged
      if (existing) await api("PUT", "/vod/movies/" + existing.id, sent);
      else await api("POST", "/vod/movies", sent);
      toast(existing ? "Movie saved" : "Movie created");
      await load();
    });
  }

  document.getElementById("new-movie").onclick = () => form(null);
  filter.addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(load, 250); });
  categoryFilter.addEventListener("change", load);
  body.addEventListener("click", async ev => {
    const tr = ev.target.closest("tr[data-movie-id]");
    if (!tr) return;
    const movie = movies.find(m => String(m.id) === tr.dataset.movieId);
    if (ev.target.closest(".edit")) form(movie);
    if (ev.target.closest(".delete")) {
      if (!confirm(`Delete movie ${movie.title}?` + (movie.file.libraryPath ? " Its file stays: a rescan adds it again." : ""))) return;
      try { await api("DELETE", "/vod/movies/" + movie.id); toast("Movie deleted"); await load(); }
      catch (e) { toast(e.message, true); }
    }
  });
  Vod.attachScan(document.getElementById("rescan"), document.getElementById("scan-status"),
    () => loadCategories().then(load).catch(e => toast(e.message, true)));
  loadCategories().catch(e => toast(e.message, true)).then(load);
})();
