// Tables marked .zw-cards become one card per row on a phone; each cell is labelled with its column
// header (CSS shows data-label), so the reader still knows which figure is which.
function zwLabelCells(root) {
  root.querySelectorAll("table.zw-cards").forEach(table => {
    const heads = Array.from(table.querySelectorAll("thead th")).map(th => th.textContent.trim());
    table.querySelectorAll("tbody tr").forEach(tr => {
      Array.from(tr.children).forEach((td, i) => { if (heads[i] && !td.dataset.label) td.dataset.label = heads[i]; });
    });
  });
}
zwLabelCells(document);
document.body.addEventListener("htmx:afterSwap", e => zwLabelCells(e.target));

// A zone <select data-zone-search="url"> holds only the chosen zone (a province may oversee 230): a
// search box beside it asks the server for the zones matching what is typed, and choosing one sets the
// select (whose own change handler, e.g. data-autosubmit, then runs).
function zwZoneSearch(root) {
  root.querySelectorAll("select[data-zone-search]").forEach(sel => {
    if (sel.dataset.searchReady) return;
    sel.dataset.searchReady = "1";
    const box = document.createElement("input");
    const list = document.createElement("datalist");
    list.id = (sel.id || sel.name) + "-hits";
    box.type = "search";
    box.className = sel.className.replace("form-select", "form-control");
    box.setAttribute("list", list.id);
    box.setAttribute("aria-label", sel.getAttribute("aria-label") || "开发区");
    box.placeholder = "输入名称或城市搜索开发区";
    box.value = sel.selectedOptions[0] && sel.value ? sel.selectedOptions[0].text : "";
    box.autocomplete = "off";
    sel.hidden = true;
    sel.after(box, list);
    const ids = new Map();
    const keep = Array.from(sel.options).filter(o => o.value && !/^\d+$/.test(o.value));
    let timer = null;
    let asked = 0;
    const fill = async () => {
      const query = box.value.trim();
      const mine = ++asked;
      const response = await fetch(sel.dataset.zoneSearch + "?q=" + encodeURIComponent(query),
                                   {headers: {"Accept": "application/json"}});
      if (!response.ok) return;
      const data = await response.json();
      if (mine !== asked) return;  // a later keystroke's answer is the one to show
      list.dataset.query = query;
      ids.clear();
      list.replaceChildren();
      keep.forEach(o => { ids.set(o.text, o.value); list.append(new Option(o.text)); });
      data.results.forEach(z => {
        ids.set(z.name, String(z.id));
        const option = new Option(z.name);
        if (z.city) option.label = z.city;
        list.append(option);
      });
      choose();
    };
    const choose = () => {
      if (!box.value.trim() && sel.value && sel.querySelector("option[value='']")) {
        sel.value = "";
        return;
      }
      const id = ids.get(box.value.trim());
      if (!id || id === sel.value) return;
      let option = Array.from(sel.options).find(o => o.value === id);
      if (!option) { option = new Option(box.value.trim(), id); sel.append(option); }
      sel.value = id;
      sel.dispatchEvent(new Event("change", {bubbles: true}));
    };
    box.addEventListener("focus", () => { if (!ids.size) fill(); });
    box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(fill, 200); choose(); });
    box.addEventListener("change", choose);
  });
}
zwZoneSearch(document);
document.body.addEventListener("htmx:afterSwap", e => zwZoneSearch(e.target));
