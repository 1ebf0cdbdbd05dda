// The project's progress chart (renewal/progress/dashboard.html), from the page's json_script #progress-chart-data.
document.addEventListener("DOMContentLoaded", function () {
  var data = JSON.parse(document.getElementById("progress-chart-data").textContent);
  var element = document.getElementById("progress-chart");
  var chart = echarts.init(element);
  var colors = ["#a61b29", "#6c8ebf", "#8c6d1f", "#2e8b57", "#d2691e", "#6f42c1"];
  var narrow = element.clientWidth < 576;
  chart.setOption({
    color: colors,
    tooltip: {trigger: "axis", confine: true},
    legend: {top: 0, itemGap: narrow ? 6 : 10, data: data.series.map(function (s) { return s.name; })},
    grid: {left: 4, right: narrow ? 12 : 16, bottom: 4, top: narrow ? 60 : 36, containLabel: true},
    xAxis: {type: "category", boundaryGap: false, data: data.labels,
            axisLabel: {formatter: function (value) { return value.slice(5); }, hideOverlap: true}},
    yAxis: {type: "value", minInterval: 1},
    series: data.series.map(function (s) {
      return {name: s.name, type: "line", data: s.data, showSymbol: data.labels.length < 30, smooth: false};
    })
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
