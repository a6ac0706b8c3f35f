// Server-side ECharts: reads {"width", "height", "charts": [option, ...]} as JSON on stdin and writes
// a JSON list of SVG documents, one per chart, drawn by the same ECharts the pages use (no browser).
// Usage: node echarts_ssr.js /path/to/node_modules/echarts
const echarts = require(process.argv[2]);

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { width, height, charts } = JSON.parse(input);
  const out = charts.map((option) => {
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
    chart.setOption({ animation: false, backgroundColor: "#fff", ...option });
    const svg = chart.renderToSVGString();
    chart.dispose();
    return svg;
  });
  process.stdout.write(JSON.stringify(out));
});
