// The cockpit's 6-month trend (hub/home.html): the figure chosen in #trend-figure, one line per unit or 村居, the
// district's target as a dashed line. The data comes from the page's json_script #chart-data.
document.addEventListener("DOMContentLoaded", function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var element = document.getElementById("chart");
  var chart = echarts.init(element);
  var picker = document.getElementById("trend-figure");
  var colors = ["#a61b29", "#6c8ebf", "#8c6d1f", "#2e8b57", "#d2691e", "#6f42c1", "#20c997"];
  function draw() {
    var figure = data.figures[Number(picker.value)] || {lines: []};
    var ratio = figure.measure === "%";
    var narrow = element.clientWidth < 576;
    var series = figure.lines.map(function (line, i) {
      var s = {name: line.name, type: "line", data: line.data, connectNulls: false, lineStyle: {width: i === 0 ? 3 : 2}};
      if (i === 0 && figure.target !== null) {
        s.markLine = {symbol: "none", silent: true, lineStyle: {color: "#dc3545", type: "dashed"},
                      label: {position: "insideEndTop", formatter: "目标 " + figure.target + (ratio ? "%" : "")}, data: [{yAxis: figure.target}]};
      }
      return s;
    });
    chart.setOption({
      color: colors,
      tooltip: {trigger: "axis", confine: true, valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + (ratio ? "%" : " " + figure.measure); }},
      legend: {top: 0, type: "scroll", data: figure.lines.map(function (l) { return l.name; })},
      grid: {left: 4, right: narrow ? 12 : 24, bottom: 4, top: 36, containLabel: true},
      xAxis: {type: "category", data: data.labels, axisLabel: {formatter: function (v) { return v.slice(2); }}},
      yAxis: {type: "value", minInterval: ratio ? 0 : 1, max: ratio ? 100 : null, axisLabel: {formatter: ratio ? "{value}%" : "{value}"}},
      series: series
    }, true);
  }
  picker.addEventListener("change", draw);
  draw();
  window.addEventListener("resize", function () { chart.resize(); });
});
