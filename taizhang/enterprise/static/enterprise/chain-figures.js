// A chain's figures over the years (enterprise/chains_map.html), from #chain-figures-data: revenue, tax and output
// as bars in 万元, 亩均税收 as a line on its own axis.
document.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("chain-figures-chart");
  if (!element) { return; }
  var data = JSON.parse(document.getElementById("chain-figures-data").textContent);
  var chart = echarts.init(element);
  var narrow = element.clientWidth < 576;
  chart.setOption({
    animation: false,
    color: ["#6c8ebf", "#a61b29", "#8c6d1f", "#2e8b57"],
    tooltip: {trigger: "axis", confine: true},
    legend: {top: 0, itemGap: narrow ? 6 : 10},
    grid: {left: 4, right: narrow ? 8 : 16, bottom: 4, top: narrow ? 80 : 44, containLabel: true},
    xAxis: {type: "category", data: data.years.map(function (y) { return y + "年"; })},
    yAxis: [{type: "value", name: "万元"}, {type: "value", name: "万元/亩", splitLine: {show: false}}],
    series: data.series.map(function (s) {
      return {name: s.name, type: s.type, yAxisIndex: s.axis || 0, data: s.data};
    })
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
