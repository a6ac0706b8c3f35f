// Server-side ECharts: reads {"width", "height", "charts": [option, ...]} as JSON and writes a JSON list
// of SVG documents, one per chart, drawn by the same ECharts the pages use (no browser).
// Usage: node echarts_ssr.js /path/to/node_modules/echarts            one request on stdin, answer on stdout
//        node echarts_ssr.js /path/to/node_modules/echarts --lines    one request per line, one answer per
//        line, until stdin closes: a report job over many zones starts Node (and loads ECharts) once.
const echarts = require(process.argv[2]);
const lines = process.argv[3] === "--lines";

function draw(text) {
  const { width, height, charts } = JSON.parse(text);
  return charts.map((option) => {
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
    chart.setOption({ animation: false, backgroundColor: "#fff", ...option });
    const svg = chart.renderToSVGString();
    chart.dispose();
    return svg;
  });
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  input += chunk;
  if (!lines) return;
  let end;
  while ((end = input.indexOf("\n")) >= 0) {
    const request = input.slice(0, end);
    input = input.slice(end + 1);
    if (!request.trim()) continue;
    let answer;
    try {
      answer = { svgs: draw(request) };
    } catch (err) {
      answer = { error: String(err && err.message ? err.message : err) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
});
process.stdin.on("end", () => {
  if (!lines) process.stdout.write(JSON.stringify(draw(input)));
});
