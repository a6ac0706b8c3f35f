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
