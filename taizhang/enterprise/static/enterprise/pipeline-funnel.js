// The pipeline funnel (enterprise/pipeline_funnel.html): projects that reached each stage, from #pipeline-funnel-data.
document.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("pipeline-funnel-chart");
  if (!element || typeof echarts === "undefined") { return; }
  var data = JSON.parse(document.getElementById("pipeline-funnel-data").textContent);
  var chart = echarts.init(element);
  var narrow = element.clientWidth < 576;
  chart.setOption({
    animation: false,
    color: ["#a61b29", "#b8474f", "#c96a6f", "#d98d8f", "#6c8ebf", "#5a7fb0", "#2e8b57", "#1f6b41"],
    tooltip: {trigger: "item", confine: true, formatter: function (p) {
      return p.name + "：累计到达 " + p.value + " 个，现处本阶段 " + data.now[p.dataIndex] + " 个";
    }},
    series: [{
      type: "funnel", sort: "none", left: narrow ? "5%" : "15%", width: narrow ? "90%" : "70%", top: 8, bottom: 8,
      minSize: narrow ? "30%" : "8%", gap: 2, label: {position: "inside", formatter: "{b} {c}"},
      data: data.stages.map(function (name, i) { return {name: name, value: data.reached[i]}; })
    }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
