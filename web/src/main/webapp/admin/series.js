/* Series: search, edit, delete and create shows, their seasons and episodes, and rescan the library,
   through /api/v1/vod. */
"use strict";

(() => {
  const { esc, api, toast, dialog, duration, dateTime } = PanelX;
  PanelX.frame("series.html");
  const LIMIT = 500;
  const body = document.querySelector("#series tbody");
  const episodesPanel = document.getElementById("episodes-panel");
  const episodesBody = document.querySelector("#episodes tbody");
  const filter = document.getElementById("filter");
  const categoryFilter = document.getElementById("category-filter");
  const seriesDlg = document.getElementById("series-dialog");
  const episodeDlg = document.getElementById("episode-dialog");
  const SERIES_FIELDS = ["title", "releaseDate", "rating", "genre", "director", "cast", "plot", "cover", "categoryId"];
  const EPISODE_FIELDS = ["season", "episode", "title", "airDate", "rating", "plot", "source"];
  let series = [], categories = [], episodes = [], open = null, searchTimer = null;

  async function loadCategories() {
    categories = await Vod.categoryFilter(categoryFilter, "SERIES");
  }

  async function load() {
    try {
      series = await api("GET", "/vod/series?" + Vod.listQuery(filter, categoryFilter, LIMIT));
      render();
      if (open) {
        open = series.find(s => s.id === open.id) || null;
        await loadEpisodes();
      }
    } catch (e) { toast(e.message, true); }
  }

  function render() {
    body.innerHTML = series.length ? series.map(s => `
      <tr data-series-id="${s.id}" class="${open && open.id === s.id ? "selected" : ""}">
        <td class="num">${s.id}</td>
        <td class="name"><strong class="title">${esc(s.title)}</strong>${s.genre ? `<div class="sub">${esc(s.genre)}</div>` : ""}</td>
        <td>${esc(s.categoryName) || '<span class="sub">none</span>'}</td>
        <td>${esc(s.releaseDate)}</td>
        <td class="num">${s.rating ?? '<span class="sub">-</span>'}</td>
        <td class="hide-narrow ua">${s.libraryPath ? esc(s.libraryPath) : '<span class="sub">API</span>'}</td>
        <td class="hide-narrow">${dateTime(s.modifiedAt)}</td>
        <td class="actions">
          <button class="small episodes">Episodes</button>
          <button class="small edit">Edit</button>
          <button class="small danger delete">Delete</button>
        </td>
      </tr>`).join("") : '<tr><td colspan="8" class="empty">No series</td></tr>';
    document.getElementById("shown").textContent =
      series.length >= LIMIT ? `The first ${LIMIT} shown: search to narrow the list.` : `${series.length} shown`;
  }

  async function loadEpisodes() {
    episodesPanel.hidden = !open;
    if (!open) return;
    document.getElementById("episodes-title").textContent = open.title;
    episodes = await api("GET", `/vod/series/${open.id}/episodes`);
    let season = null;
    episodesBody.innerHTML = episodes.length ? episodes.map(e => {
      const head = e.season !== season
        ? `<tr class="season"><th colspan="7">${e.season === 0 ? "Specials" : "Season " + e.season}</th></tr>` : "";
      season = e.season;
      return head + `
      <tr data-episode-id="${e.id}">
        <td class="num">${e.season}</td>
        <td class="num">${e.episode}</td>
        <td class="name">${esc(e.title)}</td>
        <td>${esc(e.airDate)}</td>
        <td class="num">${e.file.durationSeconds ? duration(e.file.durationSeconds) : '<span class="sub">-</span>'}</td>
        <td class="hide-narrow ua" title="${esc(e.file.source)}">${esc(e.file.libraryPath || e.file.source)}</td>
        <td class="actions">
          <button class="small edit">Edit</button>
          <button class="small danger delete">Delete</button>
        </td>
      </tr>`;
    }).join("") : '<tr><td colspan="7" class="empty">No episodes</td></tr>';
  }

  function flatSeries(s) { return { ...s, categoryId: s.categoryId ?? "" }; }
  function flatEpisode(e) { return { ...e, source: e.file.source }; }

  function seriesForm(existing) {
    document.getElementById("series-dialog-title").textContent = existing ? "Edit " + existing.title : "New series";
    Vod.categoryOptions(seriesDlg.querySelector("[name=categoryId]"), categories);
    dialog(seriesDlg, existing ? flatSeries(existing) : {}, async f => {
      const sent = Vod.changes(existing && flatSeries(existing), Vod.values(f, SERIES_FIELDS, ["rating", "categoryId"]));
      if (existing && sent.categoryId === null) delete sent.categoryId; // null leaves it unchanged
      if (existing) await api("PUT", "/vod/series/" + existing.id, sent);
      else await api("POST", "/vod/series", sent);
      toast(existing ? "Series saved" : "Series created");
      await load();
    });
  }

  function episodeForm(existing) {
    document.getElementById("episode-dialog-title").textContent =
      existing ? `Edit S${existing.season}E${existing.episode}` : "New episode of " + open.title;
    const last = episodes[episodes.length - 1];
    const fresh = { season: last ? last.season : 1, episode: last ? last.episode + 1 : 1 };
    dialog(episodeDlg, existing ? flatEpisode(existing) : fresh, async f => {
      const sent = Vod.changes(existing && flatEpisode(existing), Vod.values(f, EPISODE_FIELDS, ["season", "episode", "rating"]));
      if (existing) await api("PUT", "/vod/episodes/" + existing.id, sent);
      else await api("POST", `/vod/series/${open.id}/episodes`, sent);
      toast(existing ? "Episode saved" : "Episode created");
      await loadEpisodes();
    });
  }

  document.getElementById("new-series").onclick = () => seriesForm(null);
  document.getElementById("new-episode").onclick = () => episodeForm(null);
  document.getElementById("close-episodes").onclick = () => { open = null; render(); loadEpisodes(); };
  filter.addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(load, 250); });
  categoryFilter.addEventListener("change", load);
  body.addEventListener("click", async ev => {
    const tr = ev.target.closest("tr[data-series-id]");
    if (!tr) return;
    const s = series.find(x => String(x.id) === tr.dataset.seriesId);
    if (ev.target.closest(".episodes")) {
      open = s; render();
      loadEpisodes().catch(e => toast(e.message, true));
    }
    if (ev.target.closest(".edit")) seriesForm(s);
    if (ev.target.closest(".delete")) {
      if (!confirm(`Delete series ${s.title} with all its episodes?`)) return;
      try {
        await api("DELETE", "/vod/series/" + s.id);
        if (open && open.id === s.id) open = null;
        toast("Series deleted");
        await load();
        await loadEpisodes();
      } catch (e) { toast(e.message, true); }
    }
  });
  episodesBody.addEventListener("click", async ev => {
    const tr = ev.target.closest("tr[data-episode-id]");
    if (!tr) return;
    const e = episodes.find(x => String(x.id) === tr.dataset.episodeId);
    if (ev.target.closest(".edit")) episodeForm(e);
    if (ev.target.closest(".delete")) {
      if (!confirm(`Delete S${e.season}E${e.episode} ${e.title}?`)) return;
      try { await api("DELETE", "/vod/episodes/" + e.id); toast("Episode deleted"); await loadEpisodes(); }
      catch (err) { toast(err.message, true); }
    }
  });
  Vod.attachScan(document.getElementById("rescan"), document.getElementById("scan-status"),
    () => loadCategories().then(load).catch(e => toast(e.message, true)));
  loadCategories().catch(e => toast(e.message, true)).then(load);
})();
