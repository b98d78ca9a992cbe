/* Categories: list, create, rename, delete (its channels keep existing, without a category). */
"use strict";

(() => {
  const { esc, api, toast, dialog } = PanelX;
  PanelX.frame("categories.html");
  const body = document.querySelector("#categories tbody");
  const dlg = document.getElementById("category-dialog");
  let categories = [], counts = new Map();

  async function load() {
    try {
      const [cats, channels] = await Promise.all([api("GET", "/categories"), api("GET", "/channels")]);
      categories = cats;
      counts = new Map();
      channels.forEach(c => { if (c.categoryId) counts.set(c.categoryId, (counts.get(c.categoryId) || 0) + 1); });
      body.innerHTML = categories.length ? categories.map(c => `
        <tr data-category-id="${c.id}">
          <td class="name"><strong>${esc(c.name)}</strong></td>
          <td class="num">${counts.get(c.id) || 0}</td>
          <td class="num">${c.sortOrder}</td>
          <td class="actions"><button class="small edit">Edit</button> <button class="small danger delete">Delete</button></td>
        </tr>`).join("") : '<tr><td colspan="4" class="empty">No categories yet</td></tr>';
    } catch (e) { toast(e.message, true); }
  }

  function form(existing) {
    document.getElementById("category-dialog-title").textContent = existing ? "Edit " + existing.name : "New category";
    dialog(dlg, existing || { sortOrder: 0 }, async f => {
      const payload = { name: f.elements.name.value.trim(), sortOrder: Number(f.elements.sortOrder.value || 0) };
      if (existing) await api("PUT", "/categories/" + existing.id, payload);
      else await api("POST", "/categories", payload);
      toast("Category saved");
      await load();
    });
  }

  document.getElementById("new-category").onclick = () => form(null);
  body.addEventListener("click", async ev => {
    const tr = ev.target.closest("tr[data-category-id]");
    if (!tr) return;
    const category = categories.find(c => String(c.id) === tr.dataset.categoryId);
    if (ev.target.closest(".edit")) form(category);
    if (ev.target.closest(".delete")) {
      if (!confirm(`Delete category ${category.name}? Its channels stay, without a category.`)) return;
      try { await api("DELETE", "/categories/" + category.id); toast("Category deleted"); await load(); }
      catch (e) { toast(e.message, true); }
    }
  });
  load();
})();
