// The zone assessment's bar chart (people/zone_assessment.html): each zone's total, best first, our zone in red;
// the data comes from the page's json_script #zone-chart-data.
document.addEventListener("DOMContentLoaded", function () {
  var data = JSON.parse(document.getElementById("zone-chart-data").textContent);
  var element = document.getElementById("zone-chart");
  var chart = echarts.init(element);
  var narrow = element.clientWidth < 576;
  chart.setOption({
    tooltip: {trigger: "axis", confine: true, valueFormatter: function (v) { return v + " 分"; }},
    grid: {left: 4, right: narrow ? 36 : 48, bottom: 4, top: 8, containLabel: true},
    xAxis: {type: "value", min: 50, max: 100},
    yAxis: {type: "category", inverse: true, data: data.zones,
            axisLabel: {width: narrow ? 84 : 160, overflow: "truncate"}},
    series: [{
      type: "bar",
      barMaxWidth: 28,
      label: {show: true, position: "right", formatter: "{c}"},
      data: data.zones.map(function (zone, i) {
        return {value: data.totals[i], itemStyle: {color: zone === data.own ? "#a61b29" : "#6c8ebf"}};
      })
    }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
