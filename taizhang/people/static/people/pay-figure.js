// The share of performance pay per department by year (people/pay_figure.html), from #pay-share-data.
document.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("pay-share-chart");
  if (!element) { return; }
  var data = JSON.parse(document.getElementById("pay-share-data").textContent);
  var chart = echarts.init(element);
  var narrow = element.clientWidth < 576;
  chart.setOption({
    animation: false,
    color: ["#a61b29", "#6c8ebf", "#8c6d1f", "#2e8b57", "#d2691e", "#6f42c1"],
    tooltip: {trigger: "axis", confine: true, valueFormatter: function (v) { return v == null ? "—" : v + "%"; }},
    legend: {top: 0, itemGap: narrow ? 6 : 10},
    grid: {left: 4, right: narrow ? 12 : 16, bottom: 4, top: narrow ? 60 : 36, containLabel: true},
    xAxis: {type: "category", data: data.years.map(function (y) { return y + "年"; })},
    yAxis: {type: "value", axisLabel: {formatter: "{value}%"}},
    series: data.series.map(function (s) { return {name: s.name, type: "bar", data: s.data}; })
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
