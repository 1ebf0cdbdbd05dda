// 增量分享 by year (enterprise/fiscal_sharing.html), from #sharing-data: the zone's and the district's parts of the
// increment stacked, with the counted revenue and the base as lines.
document.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("sharing-chart");
  if (!element) { return; }
  var data = JSON.parse(document.getElementById("sharing-data").textContent);
  var chart = echarts.init(element);
  var narrow = element.clientWidth < 576;
  chart.setOption({
    animation: false,
    color: ["#a61b29", "#6c8ebf", "#2e8b57", "#8c6d1f"],
    tooltip: {trigger: "axis", confine: true, valueFormatter: function (v) { return v == null ? "—" : v + " 万元"; }},
    legend: {top: 0, itemGap: narrow ? 6 : 10},
    grid: {left: 4, right: narrow ? 12 : 16, bottom: 4, top: narrow ? 60 : 36, containLabel: true},
    xAxis: {type: "category", data: data.years.map(function (y) { return y + "年"; })},
    yAxis: {type: "value", name: narrow ? "" : "万元"},
    series: [
      {name: "开发区留成", type: "bar", stack: "increment", data: data.zone},
      {name: "区财政分享", type: "bar", stack: "increment", data: data.district},
      {name: "计入收入", type: "line", data: data.revenue},
      {name: "基数", type: "line", lineStyle: {type: "dashed"}, data: data.base}
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
