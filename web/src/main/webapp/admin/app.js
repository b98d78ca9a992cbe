/* PanelX admin pages: the shared frame (top bar), the API client with the CSRF header, and the
   number formats every page uses. Plain browser JavaScript, no build step. */
"use strict";

const PanelX = (() => {
  const PAGES = [
    ["index.html", "Dashboard"], ["lines.html", "Lines"], ["channels.html", "Channels"],
    ["movies.html", "Movies"], ["series.html", "Series"],
    ["categories.html", "Categories"], ["catchup.html", "Catch-up"], ["history.html", "History"],
    ["import.html", "Import M3U"],
  ];
  let sessionPromise = null;

  function esc(value) {
    return String(value ?? "").replace(/[&<>"']/g, c =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function toLogin() {
    location.href = "/login.html?expired=1";
  }

  /** The signed-in admin and the CSRF token, fetched once per page. */
  function session() {
    if (!sessionPromise) {
      sessionPromise = fetch("/api/v1/session", { headers: { Accept: "application/json", "X-Requested-With": "PanelX" }, cache: "no-store" })
        .then(r => {
          if (r.status === 401 || r.status === 403) { toLogin(); throw new Error("signed out"); }
          return r.json();
        });
    }
    return sessionPromise;
  }

  /** Calls the admin API; rejects with the API's error message. */
  async function api(method, path, body) {
    // X-Requested-With marks a page's call (not a script's), e.g. to spare it a Basic challenge.
    const headers = { Accept: "application/json", "X-Requested-With": "PanelX" };
    if (method !== "GET") {
      const s = await session();
      headers[s.csrfHeader] = s.csrfToken;
    }
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const r = await fetch("/api/v1" + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store",
    });
    if (r.status === 401) { toLogin(); throw new Error("signed out"); }
    const text = await r.text();
    const data = text ? JSON.parse(text) : null;
    if (!r.ok) throw new Error((data && data.error) || ("HTTP " + r.status));
    return data;
  }

  function frame(active) {
    const bar = document.createElement("header");
    bar.className = "topbar";
    bar.innerHTML =
      '<div class="brand">Panel<span>X</span></div><nav class="nav">' +
      PAGES.map(([href, name]) =>
        `<a href="${href}" class="${href === active ? "active" : ""}">${name}</a>`).join("") +
      '</nav><div class="who"><span class="name"></span>' +
      '<form method="post" action="/logout"><button type="submit" class="small" id="logout">Sign out</button></form></div>';
    document.body.prepend(bar);
    const toasts = document.createElement("div");
    toasts.id = "toasts";
    document.body.append(toasts);
    session().then(s => { bar.querySelector(".name").textContent = s.user; }).catch(() => {});
  }

  function toast(message, bad) {
    const t = document.createElement("div");
    t.className = "toast" + (bad ? " bad" : "");
    t.textContent = message;
    document.getElementById("toasts").append(t);
    setTimeout(() => t.remove(), bad ? 6000 : 3500);
  }

  // --- readable numbers

  function bitrate(bps) {
    if (!bps) return "0 Mbit/s";
    if (bps >= 1e9) return (bps / 1e9).toFixed(2) + " Gbit/s";
    if (bps >= 1e6) return (bps / 1e6).toFixed(bps >= 1e8 ? 0 : bps >= 1e7 ? 1 : 2) + " Mbit/s";
    return (bps / 1e3).toFixed(0) + " kbit/s";
  }

  function bytes(n) {
    if (!n) return "0 B";
    const units = ["B", "KB", "MB", "GB", "TB", "PB"];
    let i = 0;
    while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
    return (i === 0 ? n : n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2)) + " " + units[i];
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600),
      m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (d) return `${d} d ${h} h`;
    if (h) return `${h} h ${String(m).padStart(2, "0")} min`;
    if (m) return `${m} min ${String(s).padStart(2, "0")} s`;
    return `${s} s`;
  }

  function since(iso) {
    return iso ? duration((Date.now() - Date.parse(iso)) / 1000) : "";
  }

  function dateTime(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) + " " +
      d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "";
  }

  function badge(value, label) {
    return `<span class="badge ${esc(value)}">${esc(label ?? value)}</span>`;
  }

  /** Opens a <dialog>, fills its named inputs, and resolves with the submit handler's result. */
  function dialog(el, values, onSubmit) {
    const form = el.querySelector("form");
    form.reset();
    for (const [k, v] of Object.entries(values || {})) {
      const input = form.elements[k];
      if (!input) continue;
      if (input.type === "checkbox") input.checked = !!v; else input.value = v ?? "";
    }
    const error = form.querySelector(".error-text");
    if (error) error.textContent = "";
    form.onsubmit = async ev => {
      ev.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        await onSubmit(form);
        el.close();
      } catch (e) {
        if (error) error.textContent = e.message; else toast(e.message, true);
      } finally {
        button.disabled = false;
      }
    };
    form.querySelectorAll("[data-close]").forEach(b => { b.onclick = () => el.close(); });
    el.showModal();
  }

  return { esc, api, session, frame, toast, bitrate, bytes, duration, since, dateTime, time, badge, dialog, toLogin };
})();
